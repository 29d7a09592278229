#pragma once
// DACL_CLONES before a function with plain loops: GCC compiles it once per instruction set
// (AVX-512, AVX2, baseline x86-64), auto-vectorised for each, and the loader picks the best
// clone for the CPU it runs on. Elsewhere the function is compiled once.
#if defined(__x86_64__) && defined(__GNUC__)
#define DACL_X86_DISPATCH 1
#define DACL_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define DACL_CLONES
#endif
