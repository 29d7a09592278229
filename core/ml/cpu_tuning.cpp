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
    // Activations (a few MB) come from the heap and stay there when freed; feature copies of
    // hundreds of MB are mapped and go back to the kernel at once (a 256 MiB / 1 GiB setting
    // kept ~2 GB of freed copies resident in the full-data pipeline).
    mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);
    mallopt(M_TRIM_THRESHOLD, 128 * 1024 * 1024);
#endif
}

void tuneCpuRuntime() {
    setBlasThreads(1);
    retainFreedMemory();
}

}  // namespace dacl::ml
