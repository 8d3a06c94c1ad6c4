#include "CPUFeatures.h"

#if defined(__x86_64__)
static int has_avx2;

__attribute__((constructor)) static void detect_cpu(void) {
    __builtin_cpu_init();
    has_avx2 = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
}

int cortex_cpu_has_avx2(void) { return has_avx2; }
#endif
