#include "core/assess/assessment_warnings.h"

#include <cctype>
#include <cmath>
#include <cstdio>
#include <set>

namespace dacl::assess {

namespace {

std::string number(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3g", v);
    return buf;
}

std::string seconds(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, v < 100 ? "%.1f s" : "%.0f s", v);
    return buf;
}

bool startsWith(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

std::string qualityWarning(const LeadResult& l) {
    const std::string why = l.qualityReason.empty() ? l.quality : l.qualityReason;
    if (l.quality == "noisy") return "lead " + l.name + ": much noise (signal quality: " + why + ")";
    if (l.quality == "not_ecg") return "lead " + l.name + ": does not look like an ECG (signal quality: " + why + ")";
    if (l.quality == "flat") return "lead " + l.name + ": flat or disconnected (signal quality: " + why + ")";
    if (l.quality == "too_short") return "lead " + l.name + ": too short to judge its signal quality";
    return "lead " + l.name + ": signal quality " + l.quality + " (" + why + ")";
}

}  // namespace

std::string leadClass(const std::string& label) {
    std::string s;
    for (char c : label)
        if (!std::isspace(static_cast<unsigned char>(c)) && c != '-' && c != '_')
            s += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    for (const char* prefix : {"ECG", "EKG", "LEAD", "ML"})
        if (startsWith(s, prefix)) s = s.substr(std::string(prefix).size());
    static const std::set<std::string> known = {"I",  "II", "III", "AVR", "AVL", "AVF", "V1", "V2",
                                                "V3", "V4", "V5",  "V6",  "V",   "X",   "Y",  "Z"};
    return known.count(s) ? s : std::string();
}

bool leadSeenInTraining(const std::string& label, const std::string& trainedLabel) {
    if (trainedLabel.empty()) return true;
    const std::string file = leadClass(label);
    if (file.empty()) return true;
    const std::string trained = leadClass(trainedLabel);
    return file == (trained.empty() ? std::string("I") : trained);
}

void addWarnings(Assessment& a, const WarningInputs& in) {
    std::set<double> rates;
    for (const LeadResult& l : a.leads) rates.insert(l.fileFsHz);
    for (double fs : rates) {
        if (std::fabs(fs - a.modelFsHz) < 1e-9) continue;
        std::string which;
        if (rates.size() > 1)
            for (const LeadResult& l : a.leads)
                if (l.fileFsHz == fs) which += (which.empty() ? "lead " : ", ") + l.name;
        a.warnings.push_back((which.empty() ? std::string() : which + ": ") + "resampled from " + number(fs) + " Hz to " +
                             number(a.modelFsHz) + " Hz");
    }
    if (a.durationS < in.spanS)
        a.warnings.push_back("record (" + seconds(a.durationS) + ") is shorter than the model's span (" + seconds(in.spanS) +
                             "): it was padded, and its p(AF) rests on fewer beats");
    for (const LeadResult& l : a.leads)
        if (l.quality != "ok") a.warnings.push_back(qualityWarning(l));
    for (const LeadResult& l : a.leads)
        if (!l.seenInTraining) {
            const std::string trained = leadClass(in.trainedLeadLabel);
            a.warnings.push_back("lead '" + l.name + "' was not seen in training (trained on lead " +
                                 std::to_string(in.trainedLead) + " '" + in.trainedLeadLabel + "'" +
                                 (trained.empty() ? ", a single-lead ECG taken as lead I" : "") + ")");
        }
}

}  // namespace dacl::assess
