#pragma once
// See large_allocations.cpp: whether this executable asks for huge pages on large allocations.
namespace dacl::app {
bool largeAllocationsUseHugePages();
}
