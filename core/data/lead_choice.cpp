#include "core/data/lead_choice.h"

#include "core/data/text_scan.h"

#include <algorithm>
#include <cctype>
#include <stdexcept>

namespace dacl {

namespace {

// Upper case without spaces, '-', '_' and '.', so that "ECG Lead-II" becomes "ECGLEADII".
std::string squash(const std::string& s) {
    std::string out;
    for (char c : s)
        if (!std::isspace(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.')
            out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
    return out;
}

// The lead name without an ECG/EKG/LEAD prefix: "ECGII" -> "II", "LEADV1" -> "V1".
std::string leadPart(const std::string& squashed) {
    std::string s = squashed;
    for (bool again = true; again;) {
        again = false;
        for (const char* p : {"ECG", "EKG", "LEAD"}) {
            const std::size_t n = std::char_traits<char>::length(p);
            if (s.size() > n && s.compare(0, n, p) == 0) {
                s.erase(0, n);
                again = true;
            }
        }
    }
    return s;
}

// Rank of a standard lead name (lower is preferred), or -1.
int standardRank(const std::string& lead) {
    static const char* const order[] = {"II", "I", "MLII", "V1", "V2", "V3", "V4", "V5", "V6",
                                        "III", "AVR", "AVL", "AVF", "MLI", "MLIII", "V"};
    for (int i = 0; i < static_cast<int>(sizeof order / sizeof *order); ++i)
        if (lead == order[i]) return i;
    return -1;
}

bool startsWith(const std::string& s, const char* p) { return s.rfind(p, 0) == 0; }

}  // namespace

bool isNonEcgLabel(const std::string& label) {
    const std::string s = squash(label);
    if (s.empty()) return false;
    for (const char* p : {"EEG", "EOG", "EMG", "RESP", "SPO2", "SAO2", "PLETH", "PPG", "ABP", "ART", "BP", "CVP", "PAP",
                          "TEMP", "THOR", "ABDO", "ABD", "AIRFLOW", "FLOW", "NASAL", "ORAL", "SNORE", "POS", "BODY",
                          "HR", "PULSE", "CO2", "ETCO2", "EDFANNOTATIONS", "BDFANNOTATIONS", "LIGHT", "ACC", "EVENT",
                          "MARKER", "STATUS", "TRIGGER", "CHIN", "LEG", "SAT", "OX"})
        if (startsWith(s, p)) return true;
    return false;
}

bool isEcgLabel(const std::string& label) {
    const std::string s = squash(label);
    if (s.empty() || isNonEcgLabel(label)) return false;
    if (standardRank(leadPart(s)) >= 0) return true;
    return s.find("ECG") != std::string::npos || s.find("EKG") != std::string::npos;
}

std::size_t defaultLeadIndex(const std::vector<std::string>& labels) {
    int best = -1, bestRank = 1 << 30;
    for (std::size_t i = 0; i < labels.size(); ++i) {
        if (!isEcgLabel(labels[i])) continue;
        const int named = standardRank(leadPart(squash(labels[i])));
        const int rank = named >= 0 ? named : 100;  // "ECG", "ECG1": after every named lead
        if (rank < bestRank) {
            bestRank = rank;
            best = static_cast<int>(i);
        }
    }
    if (best >= 0) return static_cast<std::size_t>(best);
    for (std::size_t i = 0; i < labels.size(); ++i)
        if (!isNonEcgLabel(labels[i])) return i;
    return 0;
}

std::size_t defaultLead(const Recording& rec) {
    std::vector<std::string> labels = rec.labels;
    labels.resize(rec.channels.size());
    return defaultLeadIndex(labels);
}

std::size_t chooseLead(const Recording& rec, long requested) {
    if (requested < 0) return defaultLead(rec);
    if (static_cast<std::size_t>(requested) >= rec.channels.size())
        throw std::invalid_argument("record " + rec.name + " has no lead " + std::to_string(requested) + " (it has " +
                                    std::to_string(rec.channels.size()) + "; leads are 0-based)");
    return static_cast<std::size_t>(requested);
}

std::vector<std::size_t> ecgLeadIndices(const std::vector<std::string>& labels) {
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < labels.size(); ++i)
        if (isEcgLabel(labels[i])) out.push_back(i);
    if (out.empty())
        for (std::size_t i = 0; i < labels.size(); ++i)
            if (!isNonEcgLabel(labels[i])) out.push_back(i);
    if (out.empty() && !labels.empty()) out.push_back(defaultLeadIndex(labels));
    return out;
}

std::optional<std::size_t> findLead(const std::vector<std::string>& labels, const std::string& name) {
    const std::string want = squash(name);
    if (want.empty()) return std::nullopt;
    for (std::size_t i = 0; i < labels.size(); ++i)  // exact label first ("ECG" must not match "ECG II")
        if (squash(labels[i]) == want) return i;
    const std::string wantLead = leadPart(want);
    for (std::size_t i = 0; i < labels.size(); ++i)
        if (leadPart(squash(labels[i])) == wantLead) return i;
    return std::nullopt;
}

std::size_t resolveLead(const std::vector<std::string>& labels, const std::string& nameOrIndex) {
    const std::string t = text::trim(nameOrIndex);
    long index = -1;
    if (text::parseLong(t, index)) {
        if (index < 0 || static_cast<std::size_t>(index) >= labels.size())
            throw std::invalid_argument("lead " + t + " does not exist (the record has " + std::to_string(labels.size()) +
                                        " signals; indices are 0-based)");
        return static_cast<std::size_t>(index);
    }
    if (const auto found = findLead(labels, t)) return *found;
    std::string have;
    for (std::size_t i = 0; i < labels.size(); ++i)
        have += (i ? ", " : "") + std::to_string(i) + " '" + labels[i] + "'";
    throw std::invalid_argument("no signal labelled '" + t + "' (signals: " + have + ")");
}

}  // namespace dacl
