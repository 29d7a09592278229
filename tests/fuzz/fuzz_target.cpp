// libFuzzer entry point, compiled once per target as fuzz_<target> (DACL_FUZZ_TARGET names it;
// tests/fuzz/fuzz_inputs.h says what each target's bytes mean). A finding is a crash or sanitizer
// report, an error that does not name the file, or a result that no reader may return.
#include "tests/fuzz/fuzz_inputs.h"

#include <cstdio>
#include <cstdlib>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

namespace {

// A private folder per process for the files that path-based readers need (tmpfs when there is one).
std::string scratchDir() {
    const char* base = std::getenv("DACL_FUZZ_TMP");
    std::string pattern = std::string(base ? base : (access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp")) +
                          "/dacl-fuzz-XXXXXX";
    if (!mkdtemp(pattern.data())) {
        std::perror("dacl fuzz: mkdtemp");
        std::abort();
    }
    return pattern;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const std::string dir = scratchDir();
    const dacl::fuzz::Outcome o =
        dacl::fuzz::feed(DACL_FUZZ_TARGET, std::string(reinterpret_cast<const char*>(data), size), dir);
    if (!o.errorNamesFile()) {
        std::fprintf(stderr, "dacl fuzz: the error does not name the file '%s': %s\n", o.file.c_str(), o.error.c_str());
        std::abort();
    }
    if (!o.nonsense.empty()) {
        std::fprintf(stderr, "dacl fuzz: a reader returned nonsense for '%s': %s\n", o.file.c_str(), o.nonsense.c_str());
        std::abort();
    }
    return 0;
}
