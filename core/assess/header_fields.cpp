#include "core/assess/header_fields.h"

#include <cstdio>

namespace dacl::assess {

namespace {

std::string trimmed(const std::string& s) {
    const auto a = s.find_first_not_of(" \t\r\n");
    if (a == std::string::npos) return {};
    return s.substr(a, s.find_last_not_of(" \t\r\n") - a + 1);
}

std::string hz(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g Hz", v);
    return buf;
}

std::string duration(double s) {
    char buf[48];
    const long total = static_cast<long>(s);
    if (s < 60)
        std::snprintf(buf, sizeof buf, "%.1f s", s);
    else
        std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld (%.0f s)", total / 3600, total / 60 % 60, total % 60, s);
    return buf;
}

}  // namespace

std::string formatName(const RecordHeader& h) {
    const std::string& f = h.format;
    if (f == "wfdb") {
        const bool mat = !h.signals.empty() && h.signals.front().file.size() > 4 &&
                         h.signals.front().file.compare(h.signals.front().file.size() - 4, 4, ".mat") == 0;
        return mat ? "MAT" : "WFDB";
    }
    if (f == "edf") return "EDF";
    if (f.rfind("edf+", 0) == 0) return "EDF+";
    if (f == "bdf") return "BDF";
    if (f.rfind("bdf+", 0) == 0) return "BDF+";
    if (f == "csv") return "CSV";
    return f;
}

std::vector<std::pair<std::string, std::string>> headerFields(const RecordHeader& h, const Recording& rec) {
    std::vector<std::pair<std::string, std::string>> out;
    auto add = [&](const std::string& key, const std::string& value) {
        const std::string v = trimmed(value);
        if (!v.empty()) out.emplace_back(key, v);
    };
    add("Record", rec.name.empty() ? h.name : rec.name);
    add("Patient", h.patient);
    add("Recording", h.recording);
    add("Start date", h.baseDate);
    add("Start time", h.baseTime);
    std::string signals;
    for (std::size_t k = 0; k < rec.channels.size(); ++k) {
        if (!signals.empty()) signals += ", ";
        signals += rec.labelOf(k);
        if (!rec.channelFs.empty()) signals += " (" + hz(rec.fsOf(k)) + ")";
    }
    add("Signals", signals);
    if (rec.channelFs.empty()) add("Sampling rate", hz(rec.fs));
    add("Duration", duration(rec.durationS()));
    if (h.annotationCount > 0) add("Annotations", std::to_string(h.annotationCount));
    for (const std::string& c : h.comments) {
        const auto colon = c.find(':');
        if (colon != std::string::npos && colon > 0 && colon < 40)
            add(trimmed(c.substr(0, colon)), c.substr(colon + 1));
        else
            add("Comment", c);
    }
    return out;
}

}  // namespace dacl::assess
