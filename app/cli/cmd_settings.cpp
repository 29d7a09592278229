// `dacl settings [--json]`: every setting that `--set key=value` and `--config FILE` accept, with
// its type, default, valid range or choices and meaning: the documentation of the ranges that
// Settings enforces, read from the same table so the two cannot disagree.
#include "app/cli/commands.h"
#include "core/common/json_text.h"
#include "core/common/settings.h"

#include <cstdio>
#include <iostream>

namespace dacl::cli {

namespace {

std::string typeName(const nlohmann::json& v) {
    if (v.is_boolean()) return "bool";
    if (v.is_number_integer()) return "integer";
    if (v.is_number()) return "number";
    return "string";
}

std::string allowed(const SettingSpec& s) {
    if (s.defaultValue.is_number()) return rangeText(s);
    if (s.defaultValue.is_boolean()) return "true | false";
    std::string out;
    for (const auto& c : s.choices) out += (out.empty() ? "" : " | ") + c;
    return out.empty() ? "any text" : out;
}

}  // namespace

void registerSettingsCommand(CLI::App& app) {
    auto* cmd = app.add_subcommand("settings", "List every setting (--set key=value) with its default and valid range");
    auto json = std::make_shared<bool>(false);
    cmd->add_flag("--json", *json, "Print one JSON array");
    cmd->callback([json] {
        nlohmann::json all = nlohmann::json::array();
        for (const SettingSpec& s : Settings::specs()) {
            if (*json) {
                nlohmann::json j{{"key", s.key}, {"type", typeName(s.defaultValue)}, {"default", s.defaultValue},
                                 {"help", s.help}};
                if (s.defaultValue.is_number()) j["min"] = s.min, j["max"] = s.max;
                if (!s.choices.empty()) j["choices"] = s.choices;
                all.push_back(j);
            } else {
                std::printf("%-28s %-8s %-12s %-24s %s\n", s.key.c_str(), typeName(s.defaultValue).c_str(),
                            s.defaultValue.dump().c_str(), allowed(s).c_str(), s.help.c_str());
            }
        }
        if (*json) std::cout << jsonText(all) << "\n";
    });
}

}  // namespace dacl::cli
