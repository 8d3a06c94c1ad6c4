#ifndef CORTEX_CKERNELS_CPU_FEATURES_H
#define CORTEX_CKERNELS_CPU_FEATURES_H

/* The loops of this target are compiled twice, for the baseline instruction set and (on x86-64)
   for AVX2 with FMA; `CORTEX_DISPATCH` defines the public function that picks one as it runs,
   from what the CPU reported when the program started. */

#define ALWAYS_INLINE static inline __attribute__((always_inline))

#if defined(__x86_64__)
int cortex_cpu_has_avx2(void);
#define CORTEX_AVX2 __attribute__((target("avx2,fma")))
#define CORTEX_DISPATCH(name, parameters, arguments)                               \
    void name parameters {                                                         \
        if (cortex_cpu_has_avx2()) name##_avx2 arguments; else name##_baseline arguments; \
    }
#else
#define CORTEX_AVX2
#define CORTEX_DISPATCH(name, parameters, arguments) \
    void name parameters { name##_baseline arguments; }
#endif

#endif
