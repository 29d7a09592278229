#include "ui/views/ecg_annotations.h"

#include <algorithm>
#include <cctype>
#include <filesystem>

namespace dacl::ui {

std::vector<EcgAnnotation> annotationsFromWfdb(const std::vector<Annotation>& annotations, long nSamples, double fs) {
    std::vector<EcgAnnotation> out;
    if (!(fs > 0)) return out;
    for (const RhythmInterval& r : rhythmIntervals(annotations, nSamples))
        if (r.end > r.start) out.push_back({r.start / fs, (r.end - r.start) / fs, r.rhythm});
    for (const Annotation& a : annotations) {
        if (a.code == anncode::RHYTHM) continue;  // already an episode
        EcgAnnotation m;
        m.onsetS = a.sample / fs;
        m.text = a.isBeat() || a.aux.empty() ? a.symbol() : a.aux;
        out.push_back(std::move(m));
    }
    std::stable_sort(out.begin(), out.end(), [](const EcgAnnotation& a, const EcgAnnotation& b) { return a.onsetS < b.onsetS; });
    return out;
}

std::vector<EcgAnnotation> readAnnotationsBeside(const std::string& headerPath, long nSamples, double fs) {
    namespace fs_ = std::filesystem;
    const fs_::path header(headerPath);
    for (const char* ext : {".atr", ".qrs"}) {
        fs_::path p = header;
        p.replace_extension(ext);
        std::error_code ec;
        if (fs_::is_regular_file(p, ec)) return annotationsFromWfdb(readAnnotations(p.string(), fs), nSamples, fs);
    }
    return {};
}

int annotationFamily(const std::string& text) {
    std::string t = text;
    if (!t.empty() && t.front() == '(') t.erase(t.begin());
    std::transform(t.begin(), t.end(), t.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    if (t == "N" || t == "NSR" || t == "SR" || t == "SINUS RHYTHM" || t == "NORMAL") return 0;
    if (t.rfind("AF", 0) == 0 || t.find("FIBRILLATION") != std::string::npos || t.find("FLUTTER") != std::string::npos)
        return 1;
    if (t.find("NOISE") != std::string::npos || t.find("ARTIFACT") != std::string::npos ||
        t.find("ARTEFACT") != std::string::npos)
        return 3;
    return 2;
}

}  // namespace dacl::ui
