#include "core/ml/blas_threads.h"

#include <dlfcn.h>

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

}  // namespace dacl::ml
