#pragma once
// The generator of splits and the bootstrap, under its older name: see core/common/random.h.
#include "core/common/random.h"

namespace dacl::eval {

using dacl::shuffle;
using dacl::SplitMix64;

}  // namespace dacl::eval
