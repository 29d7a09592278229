#pragma once
// Readers for the kymatio golden files in shared/reference/scattering1d (see its README).
// Numbers are parsed with std::strtod: the filter files hold subnormals, on which std::stod throws.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace golden {

inline std::string dir() { return std::string(DACL_SHARED_DIR) + "/reference/scattering1d/"; }

inline const std::vector<std::string>& cases() {
    static const std::vector<std::string> c{"chirp_N1024_J6_Q8", "impulse_N1024_J6_Q8", "noise_N3072_J7_Q8",
                                            "ecg_N3072_J7_Q8", "chirp_N1024_J4_Q1_order1"};
    return c;
}

inline std::vector<std::string> splitComma(const std::string& line) {
    std::vector<std::string> out;
    std::string field;
    std::istringstream ss(line);
    while (std::getline(ss, field, ',')) out.push_back(field);
    if (!line.empty() && line.back() == ',') out.emplace_back();
    return out;
}

inline double num(const std::string& s) {
    char* end = nullptr;
    const double v = std::strtod(s.c_str(), &end);  // errno (ERANGE on subnormals) ignored on purpose
    if (end == s.c_str()) throw std::runtime_error("not a number: '" + s + "'");
    return v;
}

inline std::vector<std::string> lines(const std::string& path) {
    std::ifstream f(path);
    if (!f) throw std::runtime_error("cannot open " + path);
    std::vector<std::string> out;
    for (std::string l; std::getline(f, l);)
        if (!l.empty()) out.push_back(l);
    return out;
}

// Rows of numbers (whole file, no header).
inline std::vector<std::vector<double>> matrix(const std::string& path) {
    std::vector<std::vector<double>> m;
    for (const auto& l : lines(path)) {
        std::vector<double> row;
        for (const auto& f : splitComma(l)) row.push_back(num(f));
        m.push_back(std::move(row));
    }
    return m;
}

inline std::vector<double> input(const std::string& c) {
    std::vector<double> x;
    for (const auto& l : lines(dir() + c + ".input.csv")) x.push_back(num(l));
    return x;
}

inline nlohmann::json meta(const std::string& c) {
    std::ifstream f(dir() + c + ".json");
    return nlohmann::json::parse(f);
}

// name -> values (filters file), or "name@level" -> values (filter_levels file).
inline std::map<std::string, std::vector<double>> filters(const std::string& c, bool levels) {
    std::map<std::string, std::vector<double>> out;
    for (const auto& l : lines(dir() + c + (levels ? ".filter_levels.csv" : ".filters.csv"))) {
        const auto f = splitComma(l);
        std::string key = f.at(0);
        std::size_t first = 1;
        if (levels) {
            key += "@" + f.at(1);
            first = 2;
        }
        std::vector<double> v;
        for (std::size_t i = first; i < f.size(); ++i) v.push_back(num(f[i]));
        out[key] = std::move(v);
    }
    return out;
}

// max_t |a - b| / max_t |b|, the worst over rows (the README's row-relative criterion).
template <class A>
double worstRowRelative(const A& test, const std::vector<std::vector<double>>& ref, int nFrames) {
    double worst = 0;
    for (std::size_t r = 0; r < ref.size(); ++r) {
        double scale = 0, diff = 0;
        for (int t = 0; t < nFrames; ++t) {
            scale = std::max(scale, std::abs(ref[r][t]));
            diff = std::max(diff, std::abs(static_cast<double>(test[r * nFrames + t]) - ref[r][t]));
        }
        worst = std::max(worst, scale > 0 ? diff / scale : diff);
    }
    return worst;
}

}  // namespace golden
