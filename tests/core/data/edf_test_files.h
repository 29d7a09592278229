#pragma once
// Writes EDF, EDF+ and BDF bytes for the reader tests, following the EDF spec's header layout
// (256 bytes + 256 per signal) and EDF+ TALs, so that tests build good and deliberately broken
// files in a QTemporaryDir without depending on files outside the repository. Written here
// independently of the reader under test (EDFlib).
#include <QByteArray>
#include <QString>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace dacl::testfiles {

struct EdfSignal {
    std::string label;
    std::string transducer, unit = "uV", prefilter;
    double physMin = -3200, physMax = 3200;
    int digMin = -32768, digMax = 32767;
    int samplesPerRecord = 1;
    std::vector<double> physical;           // all records' samples, physical units
    bool annotations = false;               // an "EDF Annotations" signal
    std::vector<std::string> recordTals;    // annotations: extra TAL text after each record's time-keeping TAL
    std::vector<double> recordOnsets;       // annotations: onset of each record (default r * duration)
};

inline EdfSignal edfSignal(const std::string& label, const std::string& unit, double physMin, double physMax,
                           const std::string& transducer = "", const std::string& prefilter = "") {
    EdfSignal s;
    s.label = label;
    s.unit = unit;
    s.physMin = physMin;
    s.physMax = physMax;
    s.transducer = transducer;
    s.prefilter = prefilter;
    return s;
}

struct EdfSpec {
    bool bdf = false;
    std::string reserved;                   // "EDF+C", "EDF+D", "BDF+C" or ""
    std::string patient = "X X X X", recording = "Startdate 05-DEC-2026 X X X";
    std::string startDate = "05.12.26", startTime = "10.20.30";
    std::string durationText = "1";         // data record duration field, as written
    int records = 1;
    std::vector<EdfSignal> channels;  // not "signals": a Qt macro
    int headerBytesOverride = -1;           // write a wrong "number of bytes in header"
};

inline std::string edfField(const std::string& s, std::size_t n) {
    std::string out = s.substr(0, n);
    out.resize(n, ' ');
    return out;
}

inline QByteArray edfBytes(const EdfSpec& spec) {
    const std::size_t ns = spec.channels.size();
    const double duration = std::atof(spec.durationText.c_str());
    std::string h;
    h += spec.bdf ? std::string("\xFF" "BIOSEMI") : edfField("0", 8);
    h += edfField(spec.patient, 80);
    h += edfField(spec.recording, 80);
    h += edfField(spec.startDate, 8) + edfField(spec.startTime, 8);
    h += edfField(std::to_string(spec.headerBytesOverride >= 0 ? spec.headerBytesOverride : static_cast<int>(256 * (ns + 1))), 8);
    h += edfField(spec.reserved, 44);
    h += edfField(std::to_string(spec.records), 8);
    h += edfField(spec.durationText, 8);
    h += edfField(std::to_string(ns), 4);
    auto each = [&](std::size_t width, auto get) {
        for (const EdfSignal& s : spec.channels) h += edfField(get(s), width);
    };
    auto numText = [](double v) {
        char b[32];
        std::snprintf(b, sizeof b, "%g", v);
        return std::string(b);
    };
    each(16, [](const EdfSignal& s) { return s.annotations ? std::string(s.label.empty() ? "EDF Annotations" : s.label) : s.label; });
    each(80, [](const EdfSignal& s) { return s.transducer; });
    each(8, [](const EdfSignal& s) { return s.annotations ? std::string() : s.unit; });
    each(8, [&](const EdfSignal& s) { return numText(s.physMin); });
    each(8, [&](const EdfSignal& s) { return numText(s.physMax); });
    each(8, [](const EdfSignal& s) { return std::to_string(s.digMin); });
    each(8, [](const EdfSignal& s) { return std::to_string(s.digMax); });
    each(80, [](const EdfSignal& s) { return s.prefilter; });
    each(8, [](const EdfSignal& s) { return std::to_string(s.samplesPerRecord); });
    each(32, [](const EdfSignal&) { return std::string(); });

    const int bytes = spec.bdf ? 3 : 2;
    for (int r = 0; r < spec.records; ++r) {
        for (const EdfSignal& s : spec.channels) {
            const std::size_t len = static_cast<std::size_t>(s.samplesPerRecord * bytes);
            if (s.annotations) {
                const double onset = static_cast<std::size_t>(r) < s.recordOnsets.size() ? s.recordOnsets[static_cast<std::size_t>(r)]
                                                                                         : r * duration;
                std::string tal = "+" + numText(onset) + "\x14\x14";
                tal.push_back('\0');
                if (static_cast<std::size_t>(r) < s.recordTals.size()) tal += s.recordTals[static_cast<std::size_t>(r)];
                tal.resize(len, '\0');
                h += tal;
                continue;
            }
            for (int i = 0; i < s.samplesPerRecord; ++i) {
                const std::size_t k = static_cast<std::size_t>(r * s.samplesPerRecord + i);
                const double p = k < s.physical.size() ? s.physical[k] : 0.0;
                long d = std::lround((p - s.physMin) * (s.digMax - s.digMin) / (s.physMax - s.physMin) + s.digMin);
                d = std::max<long>(s.digMin, std::min<long>(s.digMax, d));
                for (int b = 0; b < bytes; ++b) h.push_back(static_cast<char>((static_cast<unsigned long>(d) >> (8 * b)) & 0xFF));
            }
        }
    }
    return QByteArray(h.data(), static_cast<int>(h.size()));
}

// One EDF+ TAL: "+onset\x15duration\x14text\x14\0" (duration < 0: none).
inline std::string edfTal(double onset, double duration, const std::string& text) {
    char b[64];
    std::snprintf(b, sizeof b, "+%g", onset);
    std::string t = b;
    if (duration >= 0) {
        std::snprintf(b, sizeof b, "\x15%g", duration);
        t += b;
    }
    t += "\x14" + text + "\x14";
    t.push_back('\0');
    return t;
}

// A sine in physical units: amplitude `amp`, `hz` cycles per second at rate `fs`.
inline std::vector<double> sine(int n, double fs, double hz, double amp) {
    std::vector<double> v(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) v[static_cast<std::size_t>(i)] = amp * std::sin(2 * M_PI * hz * i / fs);
    return v;
}

// A `records`-s EDF+C sleep-lab style file: EEG at 100 Hz, ECG lead II at 250 Hz, respiration at 25 Hz,
// and annotations.
inline EdfSpec sleepLabFile(int records = 10) {
    EdfSpec spec;
    spec.reserved = "EDF+C";
    spec.patient = "MCH-0234567 F 02-MAY-1951 Haagse_Harry";
    spec.recording = "Startdate 05-DEC-2026 EMR-1 Tech_A Holter_3";
    spec.records = records;
    EdfSignal eeg = edfSignal("EEG Fpz-Cz", "uV", -500, 500, "AgAgCl electrode", "HP:0.1Hz LP:75Hz");
    eeg.samplesPerRecord = 100;
    eeg.physical = sine(100 * records, 100, 10, 50);
    EdfSignal ecg = edfSignal("ECG II", "uV", -5000, 5000, "AgCl electrode", "HP:0.05Hz LP:150Hz");
    ecg.samplesPerRecord = 250;
    ecg.physical = sine(250 * records, 250, 1.2, 1500);
    EdfSignal resp = edfSignal("Resp chest", "mV", -10, 10, "belt", "");
    resp.samplesPerRecord = 25;
    resp.physical = sine(25 * records, 25, 0.25, 4);
    EdfSignal ann;
    ann.annotations = true;
    ann.samplesPerRecord = 60;
    ann.recordTals.resize(static_cast<std::size_t>(records));
    ann.recordTals[0] = edfTal(0.5, 2.25, "(AFIB");
    if (records > 3) ann.recordTals[3] = edfTal(3.0, -1, "Arousal");
    spec.channels = {eeg, ecg, resp, ann};
    return spec;
}

// One ECG signal ("ECG", mV, +-5) at `fs` Hz and an annotation signal; `onsets` place the data
// records in time (EDF+D when they leave gaps).
inline EdfSpec oneLeadEdf(const std::string& reserved, int fs, const std::vector<double>& onsets) {
    EdfSpec spec;
    spec.reserved = reserved;
    spec.records = static_cast<int>(onsets.size());
    EdfSignal ecg = edfSignal("ECG", "mV", -5, 5);
    ecg.samplesPerRecord = fs;
    ecg.physical = sine(fs * spec.records, fs, 1, 1);
    EdfSignal ann;
    ann.annotations = true;
    ann.samplesPerRecord = 30;
    ann.recordOnsets = onsets;
    spec.channels = {ecg, ann};
    return spec;
}

}  // namespace dacl::testfiles
