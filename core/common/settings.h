#pragma once
// Every tunable of the DACL pipeline as a named, typed, documented setting with the default of
// method.md. Runs store the whole set (as JSON) so that a result can be reproduced; users change
// values with `--config FILE` (JSON object) and `--set key=value`, or in the GUI form.
#include <nlohmann/json.hpp>

#include <limits>
#include <map>
#include <string>
#include <vector>

namespace dacl {

struct SettingSpec {
    std::string key;
    nlohmann::json defaultValue;  // its type (bool, integer, number, string) is the setting's type
    std::string help;
    std::vector<std::string> choices;  // for strings: allowed values (empty = any)
    // For numbers: the valid closed range, refused outside it with the range in the message, so a
    // typo (threads=9999, preprocess.fs=0, vae.lr=1e308) stops at parsing, not hours into a run.
    double min = -std::numeric_limits<double>::infinity();
    double max = std::numeric_limits<double>::infinity();
};

// The most compute threads a setting may ask for: 4 x the hardware threads (more only thrash).
int maxThreads();
// "0 .. 64" for a numeric spec (integers without decimals), "" for the others.
std::string rangeText(const SettingSpec& spec);

class Settings {
public:
    // All settings at their defaults.
    Settings();

    static const std::vector<SettingSpec>& specs();

    // `key=value`; the value is parsed as the setting's type. Throws std::invalid_argument
    // naming the key and the reason for unknown keys, bad types, values outside the choices and
    // numbers outside [spec.min, spec.max] (the message gives the range).
    void set(const std::string& assignment);
    void set(const std::string& key, const nlohmann::json& value);
    // Applies every member of a JSON object (a config file's content, a stored run's settings).
    // `origin` names the file. Thread counts above maxThreads() are capped, not refused, so that
    // a run made on a bigger machine still loads.
    void merge(const nlohmann::json& object, const std::string& origin);
    void mergeFile(const std::string& path);

    bool getBool(const std::string& key) const;
    long long getInt(const std::string& key) const;
    double getDouble(const std::string& key) const;
    std::string getString(const std::string& key) const;

    const nlohmann::json& values() const { return values_; }
    // Only the settings that differ from the defaults (what a user changed).
    nlohmann::json changed() const;

private:
    const nlohmann::json& at(const std::string& key) const;
    nlohmann::json values_;
};

}  // namespace dacl
