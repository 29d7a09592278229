#pragma once
// Process-wide CPU runtime settings that decide whether LibTorch training on a small, shared
// 2-core machine runs at full speed. Call once at startup, before any training (the CLI and the
// GUI do it next to configureThreads()).
//
// Measured with `dacl bench vae|encoder` on the 2-core shared CI VM:
//  - BLAS threads. Debian's LibTorch parallelises over the batch with OpenMP and also calls a
//    multi-threaded OpenBLAS: with both at 2 threads the two pools spin against each other and
//    small GEMMs become 10–20× slower (VAE epoch on 20,000 × 352: 10.4 s vs 0.6 s).
//  - Allocator. Activations of a few MB are above glibc's mmap threshold, so every training step
//    maps and unmaps (and the kernel zeroes) them again: up to a third of the time was system time.
namespace dacl::ml {

// Sets the thread count of the loaded BLAS (OpenBLAS, BLIS or MKL, found at run time).
// Returns false when the BLAS offers no such setting (nothing changed).
bool setBlasThreads(int threads);

// Keeps freed heap memory in the process instead of returning it to the kernel after every
// step (glibc: raises the mmap and trim thresholds). Costs a little resident memory, bounded by
// the largest working set. No-op on other C libraries.
void retainFreedMemory();

// Both of the above: BLAS single-threaded (LibTorch uses the cores) and retained memory.
void tuneCpuRuntime();

}  // namespace dacl::ml
