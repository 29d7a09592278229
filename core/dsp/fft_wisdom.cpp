#include "core/dsp/fft_wisdom.h"

#include "core/common/error.h"
#include "core/dsp/fft.h"

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <unistd.h>

namespace dacl::dsp::fft {

namespace {

constexpr const char* kMagic = "dacl-fftw-wisdom 1";
constexpr long kMaxMaxN = 1L << 22;

// Process-wide; guarded by plannerMutex() (wisdom is part of FFTW's planner state).
struct State {
    bool decided = false;     // the configured file has been looked at
    bool configured = false;  // configureWisdom() was called
    std::string configuredPath;
    unsigned rigor = 0;
    WisdomStatus status;
};

State& state() {
    static State s;
    return s;
}

std::uint64_t fnv1a(const std::string& text) {
    std::uint64_t h = 1469598103934665603ULL;
    for (unsigned char c : text) {
        h ^= c;
        h *= 1099511628211ULL;
    }
    return h;
}

std::string hex(std::uint64_t v) {
    char buf[20];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
    return buf;
}

std::string fftwVersions() { return std::string(fftw_version) + " / " + fftwf_version; }

std::string exportWisdom(bool single) {
    char* s = single ? fftwf_export_wisdom_to_string() : fftw_export_wisdom_to_string();
    if (!s) throw std::runtime_error("FFTW could not export its wisdom");
    std::string out(s);
    if (single) fftwf_free(s);
    else fftw_free(s);
    return out;
}

void forgetWisdomLocked() {
    fftw_forget_wisdom();
    fftwf_forget_wisdom();
}

// The file: header lines, "double <bytes>", the double wisdom, "float <bytes>", the float
// wisdom, "checksum <fnv1a of everything before this line>".
std::string compose(const std::string& rigor, long maxN, const std::string& wd, const std::string& wf) {
    std::string body = std::string(kMagic) + "\nmachine " + machineIdentity() + "\nfftw " + fftwVersions() +
                       "\nrigor " + rigor + "\nmax_n " + std::to_string(maxN) + "\ndouble " +
                       std::to_string(wd.size()) + "\n" + wd + "\nfloat " + std::to_string(wf.size()) + "\n" + wf + "\n";
    return body + "checksum " + hex(fnv1a(body)) + "\n";
}

struct Parsed {
    std::string machine, fftw, rigor, wd, wf;
    long maxN = 0;
};

// Empty string: parsed; otherwise why the file is not a wisdom file.
std::string parse(const std::string& text, Parsed& p) {
    const auto sumAt = text.rfind("checksum ");
    if (text.rfind(std::string(kMagic) + "\n", 0) != 0) return "not a DACL wisdom file (no '" + std::string(kMagic) + "' header)";
    if (sumAt == std::string::npos) return "truncated (no checksum line)";
    const std::string body = text.substr(0, sumAt);
    std::string sum = text.substr(sumAt + 9);
    while (!sum.empty() && (sum.back() == '\n' || sum.back() == '\r')) sum.pop_back();
    if (sum != hex(fnv1a(body))) return "damaged (checksum mismatch)";
    std::istringstream in(body);
    std::string line;
    std::getline(in, line);  // magic
    auto field = [&](const char* name, std::string& out) {
        if (!std::getline(in, line) || line.rfind(std::string(name) + " ", 0) != 0) return false;
        out = line.substr(std::string(name).size() + 1);
        return true;
    };
    std::string maxN, nd, nf;
    if (!field("machine", p.machine) || !field("fftw", p.fftw) || !field("rigor", p.rigor) || !field("max_n", maxN))
        return "damaged header";
    p.maxN = std::atol(maxN.c_str());
    auto block = [&](const char* name, std::string& out) {
        std::string n;
        if (!field(name, n)) return false;
        const long bytes = std::atol(n.c_str());
        if (bytes < 0 || bytes > 1L << 26) return false;
        out.resize(static_cast<std::size_t>(bytes));
        in.read(out.data(), bytes);
        if (in.gcount() != bytes) return false;
        return static_cast<bool>(std::getline(in, line));  // the block's newline
    };
    if (!block("double", p.wd) || !block("float", p.wf)) return "damaged wisdom blocks";
    if (p.rigor != "measure" && p.rigor != "patient") return "unknown rigor '" + p.rigor + "'";
    return {};
}

void setState(WisdomStatus& st, WisdomState s, std::string reason) {
    st.state = s;
    st.reason = std::move(reason);
    st.rigor.clear();
    st.maxN = 0;
}

// Reads and imports `path`; fills state().status. Lock held.
void importLocked(const std::string& path) {
    State& S = state();
    S.decided = true;
    S.rigor = 0;
    WisdomStatus& st = S.status;
    st.path = path;
    std::ifstream f(path, std::ios::binary);
    if (!f) {
        std::error_code ec;
        setState(st, std::filesystem::exists(path, ec) ? WisdomState::Unreadable : WisdomState::Missing,
                 std::filesystem::exists(path, ec) ? "cannot be read" : "no such file");
        return;
    }
    std::ostringstream ss;
    ss << f.rdbuf();
    Parsed p;
    if (std::string why = parse(ss.str(), p); !why.empty()) return setState(st, WisdomState::Unreadable, why);
    if (p.machine != machineIdentity())
        return setState(st, WisdomState::Stale, "made on another machine (" + p.machine + "; this is " + machineIdentity() + ")");
    if (p.fftw != fftwVersions())
        return setState(st, WisdomState::Stale, "made with " + p.fftw + " (this process has " + fftwVersions() + ")");
    forgetWisdomLocked();
    if (!fftw_import_wisdom_from_string(p.wd.c_str()) || !fftwf_import_wisdom_from_string(p.wf.c_str())) {
        forgetWisdomLocked();
        return setState(st, WisdomState::Unreadable, "FFTW rejected the wisdom it holds");
    }
    setState(st, WisdomState::Loaded, {});
    st.rigor = p.rigor;
    st.maxN = p.maxN;
    S.rigor = p.rigor == "patient" ? FFTW_PATIENT : FFTW_MEASURE;
}

bool isPowerOfTwo(long n) { return n >= 2 && (n & (n - 1)) == 0; }

void writeAtomically(const std::string& path, const std::string& text) {
    const std::filesystem::path p(path);
    std::error_code ec;
    if (p.has_parent_path()) std::filesystem::create_directories(p.parent_path(), ec);
    const std::string tmp = path + ".tmp" + std::to_string(::getpid());
    {
        std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
        if (!f) throw InputError(path, "cannot write the wisdom file (" + (ec ? ec.message() : std::string("cannot create it")) + ")");
        f << text;
        f.flush();
        if (!f) {
            std::filesystem::remove(tmp, ec);
            throw InputError(path, "write failed (disk full?)");
        }
    }
    std::filesystem::rename(tmp, path, ec);
    if (ec) {
        std::error_code ignored;
        std::filesystem::remove(tmp, ignored);
        throw InputError(path, "cannot replace the wisdom file: " + ec.message());
    }
}

}  // namespace

std::string defaultWisdomPath() {
    if (const char* p = std::getenv("DACL_FFTW_WISDOM"); p && *p) return p;
    if (const char* x = std::getenv("XDG_CACHE_HOME"); x && *x) return std::string(x) + "/dacl/fftw-wisdom.txt";
    if (const char* h = std::getenv("HOME"); h && *h) return std::string(h) + "/.cache/dacl/fftw-wisdom.txt";
    return ".dacl-cache/fftw-wisdom.txt";
}

std::string machineIdentity() {
    std::string model = "unknown CPU", family, modelNo, stepping;
    std::ifstream cpu("/proc/cpuinfo");
    std::string line;
    auto value = [&] { const auto c = line.find(':'); return c == std::string::npos ? std::string() : line.substr(c + 2); };
    while (std::getline(cpu, line) && !line.empty()) {
        if (line.rfind("model name", 0) == 0) model = value();
        else if (line.rfind("cpu family", 0) == 0) family = value();
        else if (line.rfind("model\t", 0) == 0) modelNo = value();
        else if (line.rfind("stepping", 0) == 0) stepping = value();
    }
    std::string id = model + " (family " + family + " model " + modelNo + " stepping " + stepping + ";";
#if defined(__x86_64__) && defined(__GNUC__)
    // FFTW's SIMD codelets are chosen by these; a VM moved to a host without them needs new wisdom.
    if (__builtin_cpu_supports("sse2")) id += " sse2";
    if (__builtin_cpu_supports("avx")) id += " avx";
    if (__builtin_cpu_supports("avx2")) id += " avx2";
    if (__builtin_cpu_supports("fma")) id += " fma";
    if (__builtin_cpu_supports("avx512f")) id += " avx512f";
#endif
    return id + ")";
}

void configureWisdom(const std::string& path) {
    std::lock_guard<std::mutex> lock(plannerMutex());
    State& S = state();
    const std::string p = path.empty() ? defaultWisdomPath() : path;
    if (S.decided) {
        const std::string used = S.status.state == WisdomState::Disabled ? "none" : S.status.path;
        if (used != p) throw std::logic_error("FFTW wisdom must be chosen before the first FFT plan is made");
        return;
    }
    S.configured = true;
    S.configuredPath = p;
}

WisdomStatus loadWisdomNow(const std::string& path) {
    std::lock_guard<std::mutex> lock(plannerMutex());
    State& S = state();
    S.configured = true;
    S.configuredPath = path;
    if (path == "none") {
        forgetWisdomLocked();
        S.decided = true;
        S.rigor = 0;
        S.status.path.clear();
        setState(S.status, WisdomState::Disabled, "disabled");
    } else {
        importLocked(path);
    }
    return S.status;
}

WisdomStatus wisdomStatus() {
    std::lock_guard<std::mutex> lock(plannerMutex());
    WisdomStatus st = state().status;
    if (!state().decided) st.path = state().configured ? state().configuredPath : defaultWisdomPath();
    return st;
}

std::string describeWisdom(const WisdomStatus& s) {
    const std::string counts = s.plansEstimated > 0
                                   ? "; " + std::to_string(s.plansEstimated) + " plan(s) up to length " +
                                         std::to_string(s.largestEstimatedN) + " not covered, made with FFTW_ESTIMATE"
                                   : std::string();
    switch (s.state) {
        case WisdomState::Loaded:
            return "FFT plans from wisdom " + s.path + " (" + s.rigor + ", lengths up to " + std::to_string(s.maxN) + ")" + counts;
        case WisdomState::Disabled: return "FFT plans: FFTW_ESTIMATE (wisdom disabled)";
        case WisdomState::NotLoaded: return "FFT plans: none made yet (wisdom " + s.path + " not read yet)";
        default:
            return "FFT plans: FFTW_ESTIMATE (about 20-30 % slower): wisdom " + s.path + " " +
                   (s.state == WisdomState::Missing ? "not found" : s.reason) +
                   "; create it with `dacl scatter --wisdom-generate`";
    }
}

WisdomReport generateWisdom(const std::string& path, bool patient, long maxN,
                            const std::function<void(int, int)>& progress) {
    if (!isPowerOfTwo(maxN) || maxN > kMaxMaxN)
        throw std::invalid_argument("wisdom: the largest length must be a power of two in 2.." + std::to_string(kMaxMaxN) +
                                    " (got " + std::to_string(maxN) + ")");
    const auto t0 = std::chrono::steady_clock::now();
    {
        // Start clean: MEASURE would otherwise reuse whatever wisdom the process already holds.
        std::lock_guard<std::mutex> lock(plannerMutex());
        state().decided = true;  // no lazy import of the old file in the middle of this
        forgetWisdomLocked();
        state().rigor = 0;
    }
    const Effort e = patient ? Effort::Patient : Effort::Measure;
    int logMax = 1;
    while ((1L << logMax) < maxN) ++logMax;
    const int total = 6 * logMax;
    int done = 0;
    for (int k = 1; k <= logMax; ++k) {
        const int n = 1 << k;
        // Exactly the problems the scattering engine plans (same flags and alignment); the
        // plans themselves are not kept, only the wisdom they leave.
        Plan<double>::r2c(n, e);
        Plan<double>::c2r(n, e);
        Plan<double>::c2cBackward(n, e);
        Plan<float>::r2c(n, e);
        Plan<float>::c2r(n, e);
        Plan<float>::c2cBackward(n, e);
        done += 6;
        if (progress) progress(done, total);
    }
    const std::string rigor = patient ? "patient" : "measure";
    std::string text;
    {
        std::lock_guard<std::mutex> lock(plannerMutex());
        text = compose(rigor, maxN, exportWisdom(false), exportWisdom(true));
    }
    writeAtomically(path, text);
    {
        std::lock_guard<std::mutex> lock(plannerMutex());
        importLocked(path);  // the process now runs as a later one would: from the file
        state().configured = true;
        state().configuredPath = path;
    }
    WisdomReport r;
    r.path = path;
    r.rigor = rigor;
    r.maxN = maxN;
    r.plans = total;
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return r;
}

namespace detail {

void ensureWisdomLocked() {
    State& S = state();
    if (S.decided) return;
    const std::string path = S.configured ? S.configuredPath : defaultWisdomPath();
    if (path == "none") {
        S.decided = true;
        S.status.path.clear();
        setState(S.status, WisdomState::Disabled, "disabled");
        return;
    }
    importLocked(path);
}

bool wisdomRigorLocked(unsigned& rigorFlags) {
    if (state().status.state != WisdomState::Loaded) return false;
    rigorFlags = state().rigor;
    return true;
}

void countWisdomPlanLocked(bool fromWisdom, int n) {
    WisdomStatus& st = state().status;
    if (fromWisdom) {
        ++st.plansFromWisdom;
    } else {
        ++st.plansEstimated;
        if (n > st.largestEstimatedN) st.largestEstimatedN = n;
    }
}

}  // namespace detail

}  // namespace dacl::dsp::fft
