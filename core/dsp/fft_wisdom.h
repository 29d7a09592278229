#pragma once
// FFTW wisdom for the whole process: fast plans that are still identical in every process.
//
// Why: FFTW_MEASURE picks each plan by timing candidates, so two processes may pick different
// algorithms and round differently (features differed by ~1e-4); FFTW_ESTIMATE is reproducible
// but 20-30 % slower. Wisdom is the record of MEASURE's (or PATIENT's) choices: generated once
// per machine and imported before any plan is made, it gives every later process the same fast
// plans without timing anything (plans with Effort::Wisdom are made with FFTW_WISDOM_ONLY).
//
// The file (default: $DACL_FFTW_WISDOM, else $XDG_CACHE_HOME/dacl/fftw-wisdom.txt, else
// ~/.cache/dacl/fftw-wisdom.txt, next to the CLI's feature cache) holds a header naming the
// machine (CPU model and instruction sets), the FFTW versions and the planner rigor, the wisdom
// of the double and the float library, and a checksum. A missing, damaged or stale file (other
// CPU, other FFTW) is not imported: plans fall back to FFTW_ESTIMATE and wisdomStatus() says why.
// Sizes the file does not cover (it holds powers of two up to its max_n) are planned with
// ESTIMATE too, which is just as reproducible.
#include <cstddef>
#include <functional>
#include <string>

namespace dacl::dsp::fft {

enum class WisdomState {
    NotLoaded,   // no plan has been made yet (the file is read at the first one)
    Disabled,    // configureWisdom("none")
    Loaded,      // imported: Effort::Wisdom plans come from it where it covers the size
    Missing,     // no file at the path
    Stale,       // made on another machine or with another FFTW: not used
    Unreadable,  // damaged, truncated or not a wisdom file: not used
};

struct WisdomStatus {
    std::string path;             // the file looked for (empty when disabled)
    WisdomState state = WisdomState::NotLoaded;
    std::string reason;           // why it is not Loaded (empty when Loaded)
    std::string rigor;            // "measure" or "patient" (Loaded only)
    long maxN = 0;                // largest transform length the file covers (Loaded only)
    long plansFromWisdom = 0;     // Effort::Wisdom plans made from the file so far
    long plansEstimated = 0;      // Effort::Wisdom plans that fell back to FFTW_ESTIMATE
    long largestEstimatedN = 0;   // the longest of those (0: none)
};

// The default wisdom file (see above). Never empty.
std::string defaultWisdomPath();

// Which file the process uses: "" = defaultWisdomPath(), "none" = no wisdom (pure ESTIMATE).
// Takes effect at the first plan; throws std::logic_error once a plan has been made with
// another setting (plans made earlier could not be changed any more).
void configureWisdom(const std::string& path);

// Imports `path` now, whatever was configured (plans made afterwards use it). Returns the new
// status; a file that cannot be used leaves the process without wisdom and says why.
// For benchmarks that time ESTIMATE plans first and wisdom plans second in one process.
WisdomStatus loadWisdomNow(const std::string& path);

WisdomStatus wisdomStatus();

// One line for a terminal: where the plans come from, and what to do when it is not wisdom.
std::string describeWisdom(const WisdomStatus& s);

struct WisdomReport {
    std::string path;
    std::string rigor;
    long maxN = 0;
    int plans = 0;         // plans measured (both precisions)
    double seconds = 0;    // wall time of the planning
};

// Measures plans for every transform the scattering engine makes (real forward and inverse,
// complex inverse; double and float) of every power-of-two length 2..maxN, with FFTW_MEASURE
// (patient: FFTW_PATIENT, slower to make, sometimes faster plans), and writes the file
// atomically (temporary file + rename; the folder is created). `progress(done, total)` after
// each plan. Throws InputError when the file cannot be written, std::invalid_argument when
// maxN is not a power of two in 2..2^22. Plans this process makes afterwards use the new wisdom.
WisdomReport generateWisdom(const std::string& path, bool patient, long maxN,
                            const std::function<void(int, int)>& progress = {});

// The machine line written into (and checked against) wisdom files.
std::string machineIdentity();

}  // namespace dacl::dsp::fft

namespace dacl::dsp::fft::detail {
// Internal to core/dsp/fft*: called with plannerMutex() held.
void ensureWisdomLocked();                     // reads the configured file once
bool wisdomRigorLocked(unsigned& rigorFlags);  // true when a file is loaded; its FFTW rigor flag
void countWisdomPlanLocked(bool fromWisdom, int n);
}  // namespace dacl::dsp::fft::detail
