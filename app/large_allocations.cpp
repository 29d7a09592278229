// Large allocations on transparent huge pages, for the executables (dacl, dacl-studio).
//
// A day-long recording is handled as whole-record arrays (26 M samples at 300 Hz: 207 MB per
// copy, and filtering, resampling and R-peak detection each make a few). glibc maps every block
// of 32 MiB and more afresh, and the kernel then faults it in 4 KiB at a time: on a 4-hour
// two-lead file that was ~750,000 page faults and a fifth of the Assessment's time. Asked for
// huge pages (madvise, the system's default THP mode), such a block faults in 2 MiB at a time.
// glibc's own switch (GLIBC_TUNABLES=glibc.malloc.hugetlb=1) only works when set before the
// process starts, so the executables replace the global operator new instead; all other
// allocations go through malloc unchanged. Left out under the sanitizers, which own operator new.
#include "app/large_allocations.h"

#include <cstdint>
#include <cstdlib>
#include <new>

#if defined(__linux__) && !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__)
#include <sys/mman.h>
#include <unistd.h>

namespace {

constexpr std::size_t kLarge = std::size_t(32) << 20;  // glibc's largest mmap threshold: blocks this size are fresh maps

void* allocate(std::size_t n) {
    void* p = std::malloc(n ? n : 1);
    if (!p) throw std::bad_alloc();
    if (n >= kLarge) {
        // The whole pages inside the block; a hint only (madvise failing changes nothing).
        const auto page = static_cast<std::uintptr_t>(sysconf(_SC_PAGESIZE));
        const auto begin = (reinterpret_cast<std::uintptr_t>(p) + page - 1) & ~(page - 1);
        const auto end = (reinterpret_cast<std::uintptr_t>(p) + n) & ~(page - 1);
        if (end > begin) madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
    }
    return p;
}

}  // namespace

void* operator new(std::size_t n) { return allocate(n); }
void* operator new[](std::size_t n) { return allocate(n); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }

bool dacl::app::largeAllocationsUseHugePages() { return true; }
#else
bool dacl::app::largeAllocationsUseHugePages() { return false; }
#endif
