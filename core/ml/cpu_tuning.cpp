#include "core/ml/cpu_tuning.h"

#include <dlfcn.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include <initializer_list>

namespace dacl::ml {

bool setBlasThreads(int threads) {
    if (threads < 1) threads = 1;
    // Looked up at run time: libblas.so.3 is whichever implementation the system selected.
    using SetInt = void (*)(int);
    for (const char* name : {"openblas_set_num_threads", "bli_thread_set_num_threads", "MKL_Set_Num_Threads"}) {
        if (void* f = dlsym(RTLD_DEFAULT, name)) {
            reinterpret_cast<SetInt>(f)(threads);
            return true;
        }
    }
    return false;
}

void retainFreedMemory() {
#if defined(__GLIBC__)
    mallopt(M_MMAP_THRESHOLD, 256 * 1024 * 1024);  // blocks below 256 MiB come from the heap
    mallopt(M_TRIM_THRESHOLD, 1024 * 1024 * 1024);  // and stay there when freed
#endif
}

void tuneCpuRuntime() {
    setBlasThreads(1);
    retainFreedMemory();
}

}  // namespace dacl::ml
