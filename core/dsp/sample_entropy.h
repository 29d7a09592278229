#pragma once
// Sample entropy (Richman & Moorman 2000) of a series v with template length m and tolerance r,
// with +1 on both counts so that short or very irregular series (no length-m+1 match) stay
// finite:  −ln((A + 1) / (B + 1)), B (A) = pairs of templates of length m (m + 1) starting at
// 0 .. n − m − 1 whose values all lie within r of each other (|a − b| <= r per value).
//
// Counted without comparing every pair: a day's ~100,000 RR intervals would be 5·10⁹ pairs
// (about 9 s), while range counting over the sorted values takes O(n log² n) (well under a
// second). The counts are exact: each range is found with the same |a − b| <= r test on the
// same doubles that a pair-by-pair comparison applies.
#include <cstdint>
#include <vector>

namespace dacl::dsp {

// m = 1 or 2 (B in m dimensions, A in m + 1); needs v.size() > m + 1. std::invalid_argument otherwise.
double sampleEntropy(const std::vector<double>& v, int m, double r);

// The pairs of points (rows of `points`, each `dims` = 1..3 values) whose values all lie within
// r: what B and A count.
std::int64_t pairsWithin(const std::vector<std::vector<double>>& points, int dims, double r);

}  // namespace dacl::dsp
