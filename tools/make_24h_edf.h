#pragma once
// Writes EDF+C files with EDFlib (Debian libedf-dev): for tools/make_24h_edf.cpp (the 24-h
// two-lead benchmark recording) and for tests that need a real EDF file with several leads.
// Physical values are stored as 16-bit integers between physMin and physMax (clipped there).
#include <edflib.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

namespace dacl::tools {

struct EdfLead {
    std::string label;               // "ECG I", "II", "EEG Fpz-Cz"
    int fs = 300;                    // samples per second (whole Hz: one data record is 1 s)
    std::vector<double> physical;    // samples in `unit`; the last data record is padded with its last value
    std::string unit = "uV";
    double physMin = -10000, physMax = 10000;
};

inline void writeEdfPlus(const std::string& path, const std::vector<EdfLead>& leads, const std::string& patient,
                         const std::string& equipment) {
    if (leads.empty()) throw std::invalid_argument(path + ": no signals to write");
    const int h = edfopen_file_writeonly(path.c_str(), EDFLIB_FILETYPE_EDFPLUS, static_cast<int>(leads.size()));
    if (h < 0) throw std::runtime_error(path + ": EDFlib cannot open the file for writing (code " + std::to_string(h) + ")");
    long seconds = 0;
    for (std::size_t k = 0; k < leads.size(); ++k) {
        const EdfLead& l = leads[k];
        const int s = static_cast<int>(k);
        if (edf_set_samplefrequency(h, s, l.fs) || edf_set_physical_maximum(h, s, l.physMax) ||
            edf_set_physical_minimum(h, s, l.physMin) || edf_set_digital_maximum(h, s, 32767) ||
            edf_set_digital_minimum(h, s, -32768) || edf_set_label(h, s, l.label.c_str()) ||
            edf_set_physical_dimension(h, s, l.unit.c_str())) {
            edfclose_file(h);
            throw std::runtime_error(path + ": EDFlib refused the settings of signal " + l.label);
        }
        seconds = std::max(seconds, static_cast<long>((l.physical.size() + static_cast<std::size_t>(l.fs) - 1) / static_cast<std::size_t>(l.fs)));
    }
    edf_set_patientname(h, patient.c_str());
    edf_set_equipment(h, equipment.c_str());
    edf_set_startdatetime(h, 2026, 12, 5, 8, 0, 0);
    std::vector<double> buf;
    for (long r = 0; r < seconds; ++r)
        for (const EdfLead& l : leads) {  // one data record: each signal's second in turn
            buf.assign(static_cast<std::size_t>(l.fs), l.physical.empty() ? 0.0 : l.physical.back());
            for (int i = 0; i < l.fs; ++i) {
                const std::size_t j = static_cast<std::size_t>(r) * static_cast<std::size_t>(l.fs) + static_cast<std::size_t>(i);
                if (j < l.physical.size()) buf[static_cast<std::size_t>(i)] = std::clamp(l.physical[j], l.physMin, l.physMax);
            }
            if (edfwrite_physical_samples(h, buf.data()) != 0) {
                edfclose_file(h);
                throw std::runtime_error(path + ": EDFlib could not write data record " + std::to_string(r) + " (disk full?)");
            }
        }
    if (edfclose_file(h) != 0) throw std::runtime_error(path + ": EDFlib could not close the file");
}

}  // namespace dacl::tools
