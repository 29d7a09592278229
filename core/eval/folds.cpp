#include "core/eval/folds.h"

#include "core/eval/random.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <stdexcept>
#include <string>

namespace dacl::eval {
namespace {

// Record indices per stratum, strata in ascending order (std::map) so the shuffles consume the
// generator in a fixed order.
std::map<int, std::vector<std::size_t>> byStratum(const std::vector<int>& strata,
                                                  const std::vector<bool>* mask = nullptr) {
    std::map<int, std::vector<std::size_t>> groups;
    for (std::size_t i = 0; i < strata.size(); ++i)
        if (!mask || (*mask)[i]) groups[strata[i]].push_back(i);
    return groups;
}

}  // namespace

std::vector<int> stratifiedKFold(const std::vector<int>& strata, int k, std::uint64_t seed) {
    if (k < 1) throw std::invalid_argument("stratifiedKFold: k must be >= 1, got " + std::to_string(k));
    if (k == 1) {
        std::vector<int> folds = stratifiedKFold(strata, 5, seed);
        for (int& f : folds) f = (f == 0) ? 0 : kTrainOnly;
        return folds;
    }
    if (static_cast<std::size_t>(k) > strata.size())
        throw std::invalid_argument("stratifiedKFold: " + std::to_string(k) + " folds but only " +
                                    std::to_string(strata.size()) + " records");
    SplitMix64 rng(seed);
    std::vector<int> folds(strata.size(), 0);
    std::size_t deal = 0;  // continues across strata so that total fold sizes stay balanced
    for (auto& [stratum, records] : byStratum(strata)) {
        shuffle(records, rng);
        for (std::size_t r : records) folds[r] = static_cast<int>(deal++ % static_cast<std::size_t>(k));
    }
    return folds;
}

std::vector<bool> stratifiedValidationSplit(const std::vector<int>& strata, const std::vector<bool>& inTraining,
                                            std::uint64_t seed, double fraction) {
    if (inTraining.size() != strata.size())
        throw std::invalid_argument("stratifiedValidationSplit: " + std::to_string(strata.size()) +
                                    " strata but a training mask of " + std::to_string(inTraining.size()));
    if (!(fraction > 0 && fraction < 1))
        throw std::invalid_argument("stratifiedValidationSplit: fraction must be in (0, 1)");
    SplitMix64 rng(seed);
    std::vector<bool> validation(strata.size(), false);
    for (auto& [stratum, records] : byStratum(strata, &inTraining)) {
        const std::size_t n = records.size();
        auto take = static_cast<std::size_t>(std::llround(fraction * static_cast<double>(n)));
        if (n >= 2) take = std::clamp<std::size_t>(take, 1, n - 1);
        else take = 0;
        shuffle(records, rng);
        for (std::size_t j = 0; j < take; ++j) validation[records[j]] = true;
    }
    return validation;
}

std::vector<std::size_t> stratifiedSubset(const std::vector<int>& strata, std::size_t n, std::uint64_t seed) {
    if (n < 1) throw std::invalid_argument("stratifiedSubset: n must be >= 1");
    std::vector<std::size_t> out;
    if (n >= strata.size()) {
        for (std::size_t i = 0; i < strata.size(); ++i) out.push_back(i);
        return out;
    }
    auto groups = byStratum(strata);
    // Largest remainder: floor of each quota, then one more record for the largest fractional parts
    // (ties go to the smaller stratum value, i.e. map order).
    struct Quota {
        int stratum;
        std::size_t take;
        double remainder;
    };
    std::vector<Quota> quotas;
    std::size_t assigned = 0;
    for (const auto& [stratum, records] : groups) {
        const double exact = static_cast<double>(n) * static_cast<double>(records.size()) /
                             static_cast<double>(strata.size());
        const auto base = static_cast<std::size_t>(std::floor(exact));
        quotas.push_back({stratum, base, exact - static_cast<double>(base)});
        assigned += base;
    }
    std::vector<std::size_t> byRemainder(quotas.size());
    for (std::size_t i = 0; i < quotas.size(); ++i) byRemainder[i] = i;
    std::stable_sort(byRemainder.begin(), byRemainder.end(),
                     [&](std::size_t a, std::size_t b) { return quotas[a].remainder > quotas[b].remainder; });
    for (std::size_t i = 0; assigned < n && i < byRemainder.size(); ++i, ++assigned) ++quotas[byRemainder[i]].take;

    SplitMix64 rng(seed);
    for (const Quota& q : quotas) {
        std::vector<std::size_t>& records = groups[q.stratum];
        shuffle(records, rng);
        out.insert(out.end(), records.begin(), records.begin() + static_cast<std::ptrdiff_t>(q.take));
    }
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace dacl::eval
