#pragma once
// The BLAS library's own thread pool. Debian's LibTorch parallelises over the batch with OpenMP
// and also calls a multi-threaded OpenBLAS: with both at 2 threads on 2 cores the two pools
// spin against each other and small GEMMs get 10–20× slower (measured: VAE epoch 10.4 s vs
// 0.6 s on 20,000 × 352). Keeping BLAS single-threaded while LibTorch uses the cores avoids it.
namespace dacl::ml {

// Sets the thread count of the loaded BLAS (OpenBLAS, BLIS or MKL, found at run time).
// Returns false when the BLAS offers no such setting (nothing changed).
bool setBlasThreads(int threads);

}  // namespace dacl::ml
