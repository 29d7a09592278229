#pragma once
// What one record may allocate, checked against the header before any sample is read, so that a
// header claiming 2^62 samples (or a file as large as the disk) is refused instead of exhausting
// memory. The limit is process-wide: the pipeline sets it from the setting data.max_record_samples.
#include <cstdint>
#include <string>

namespace dacl {

// 24 h at 1 kHz x 12 leads: every real ECG record we know of fits; 8.3 GB as doubles.
constexpr std::int64_t kDefaultMaxRecordSamples = 24LL * 3600 * 1000 * 12;

std::int64_t maxRecordSamples();
// Throws std::invalid_argument for n < 1.
void setMaxRecordSamples(std::int64_t n);

// Overflow-safe a * b for non-negative operands; false when the product does not fit.
bool mulFits(std::int64_t a, std::int64_t b, std::int64_t& out);

// Throws InputError(file, ...) unless `samplesPerSignal` x `signalCount` is a non-negative count that
// fits 64 bits and the limit. `what` names the source of the count ("header", "EDF header").
void checkRecordSamples(const std::string& file, std::int64_t samplesPerSignal, std::int64_t signalCount,
                        const std::string& what = "header");

}  // namespace dacl
