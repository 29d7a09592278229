#include "core/data/read_limits.h"

#include "core/common/error.h"

#include <atomic>
#include <stdexcept>

namespace dacl {

namespace {
std::atomic<std::int64_t> limit{kDefaultMaxRecordSamples};
}

std::int64_t maxRecordSamples() { return limit.load(std::memory_order_relaxed); }

void setMaxRecordSamples(std::int64_t n) {
    if (n < 1) throw std::invalid_argument("data.max_record_samples must be at least 1, got " + std::to_string(n));
    limit.store(n, std::memory_order_relaxed);
}

bool mulFits(std::int64_t a, std::int64_t b, std::int64_t& out) {
    if (a < 0 || b < 0) return false;
    return !__builtin_mul_overflow(a, b, &out);
}

void checkRecordSamples(const std::string& file, std::int64_t samplesPerSignal, std::int64_t signalCount,
                        const std::string& what) {
    if (samplesPerSignal < 0) throw InputError(file, what + " gives a negative sample count (" + std::to_string(samplesPerSignal) + ")");
    std::int64_t total = 0;
    const std::string claim = what + " claims " + std::to_string(samplesPerSignal) + " samples x " + std::to_string(signalCount) +
                              " signal(s)";
    if (!mulFits(samplesPerSignal, signalCount, total)) throw InputError(file, claim + ", more than can be counted: refused");
    if (total > maxRecordSamples())
        throw InputError(file, claim + " = " + std::to_string(total) + " samples, more than one record may hold (" +
                                   std::to_string(maxRecordSamples()) + ", setting data.max_record_samples): refused");
}

}  // namespace dacl
