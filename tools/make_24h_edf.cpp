// Writes a 24-hour two-lead EDF+ recording for `dacl bench assess` (time from open to p(AF)
// on a day-long Holter-style file): PhysioNet/CinC 2017 records (300 Hz, one lead each) joined
// end to end in REFERENCE.csv order as lead "ECG I", and the same records in reverse order as
// lead "ECG II" (not the same heart at the same time, but real ECG of every class in both).
//
//   g++ -O2 -std=c++17 -I. tools/make_24h_edf.cpp -ledf -o /tmp/make_24h_edf
//   /tmp/make_24h_edf /work/shared/data/physionet2017 /tmp/holter_24h.edf [hours]
//
// Reads the records' .mat files directly (WFDB "16+24": little-endian int16 after a 24-byte MAT
// header, 1000 adu/mV) so that it needs nothing but EDFlib. Output ~104 MB for 24 h.
#include "tools/make_24h_edf.h"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

namespace {

std::vector<double> readMatMicrovolts(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error(path + ": cannot open");
    in.seekg(24);
    std::vector<double> out;
    unsigned char b[2];
    while (in.read(reinterpret_cast<char*>(b), 2)) out.push_back(static_cast<double>(static_cast<short>(b[0] | (b[1] << 8))));
    return out;  // 1000 adu/mV = 1 adu/uV
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::cerr << "usage: make_24h_edf PHYSIONET2017_DIR OUTPUT.edf [hours=24]\n";
        return 2;
    }
    const std::string dir = argv[1], output = argv[2];
    const double hours = argc > 3 ? std::atof(argv[3]) : 24.0;
    try {
        std::ifstream ref(dir + "/REFERENCE.csv");
        if (!ref) throw std::runtime_error(dir + "/REFERENCE.csv: cannot open");
        std::vector<std::string> names;
        for (std::string line; std::getline(ref, line);)
            if (!line.empty()) names.push_back(line.substr(0, line.find(',')));
        const std::size_t n = static_cast<std::size_t>(hours * 3600 * 300);
        std::vector<dacl::tools::EdfLead> leads(2);
        leads[0].label = "ECG I";
        leads[1].label = "ECG II";
        for (std::size_t lead = 0; lead < 2; ++lead) {
            auto& x = leads[lead].physical;
            x.reserve(n);
            for (std::size_t k = 0; x.size() < n; ++k) {
                const std::string& name = lead == 0 ? names[k % names.size()] : names[names.size() - 1 - k % names.size()];
                const std::vector<double> rec = readMatMicrovolts(dir + "/" + name + ".mat");
                x.insert(x.end(), rec.begin(), rec.begin() + static_cast<long>(std::min(rec.size(), n - x.size())));
            }
        }
        dacl::tools::writeEdfPlus(output, leads, "X X X Holter_24h", "DACL Studio make_24h_edf (PhysioNet 2017 records)");
        std::printf("%s: %.1f h, 2 leads at 300 Hz\n", output.c_str(), static_cast<double>(n) / 300 / 3600);
    } catch (const std::exception& e) {
        std::cerr << "make_24h_edf: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
