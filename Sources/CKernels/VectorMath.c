#include "CKernels.h"
#include "CPUFeatures.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

/* Each function is written once, for one float, without branches, so that the compiler turns
   the loops below into vector code (CPUFeatures.h: one baseline and one AVX2 copy of each). */

ALWAYS_INLINE float from_bits(uint32_t bits) {
    float value;
    memcpy(&value, &bits, sizeof value);
    return value;
}

ALWAYS_INLINE uint32_t to_bits(float value) {
    uint32_t bits;
    memcpy(&bits, &value, sizeof bits);
    return bits;
}

/* e^v: v = n ln 2 + r with ln 2 in two parts (Cody-Waite), Cephes' degree-6 polynomial for e^r,
   2^n built in the exponent bits. Overflows to infinity past ln(FLT_MAX); 0 below the smallest
   normal float. */
ALWAYS_INLINE float exp_one(float v) {
    float x = v > 88.72284f ? 88.72284f : v;
    x = x < -87.33654f ? -87.33654f : x;
    /* Adding 1.5 * 2^23 rounds x / ln 2 to the nearest integer n and leaves n in the low mantissa bits. */
    float shifted = x * 1.44269504088896341f + 12582912.0f;
    float n = shifted - 12582912.0f;
    float r = x - n * 0.693359375f - n * -2.12194440e-4f;
    float p = 1.9875691500e-4f;
    p = p * r + 1.3981999507e-3f;
    p = p * r + 8.3334519073e-3f;
    p = p * r + 4.1665795894e-2f;
    p = p * r + 1.6666665459e-1f;
    p = p * r + 5.0000001201e-1f;
    float result = p * (r * r) + r + 1.0f;
    /* n reaches 128 just below the overflow threshold, one more than the exponent field holds:
       scale by 2^127 and then by 2. */
    int top = n > 127.0f;
    result = top ? result * 2.0f : result;
    float capped = top ? 12582912.0f + 127.0f : shifted;
    result *= from_bits((to_bits(capped) - (0x4B400000u - 127u)) << 23);
    result = v > 88.72284f ? INFINITY : result;
    return v < -87.33654f ? 0.0f : result;
}

/* tanh v = (1 - e) / (1 + e) with e = e^(-2|v|), its sign restored; where |v| < 0.25, where
   1 - e would cancel, its Taylor polynomial up to v^13. */
ALWAYS_INLINE float tanh_one(float v) {
    float e = exp_one(-2.0f * fabsf(v));
    float large = copysignf((1.0f - e) / (1.0f + e), v);
    float x2 = v * v;
    float p = 21844.0f / 6081075.0f;
    p = p * x2 - 1382.0f / 155925.0f;
    p = p * x2 + 62.0f / 2835.0f;
    p = p * x2 - 17.0f / 315.0f;
    p = p * x2 + 2.0f / 15.0f;
    p = p * x2 - 1.0f / 3.0f;
    return x2 < 0.0625f ? v + v * x2 * p : large;
}

ALWAYS_INLINE float sigmoid_one(float v) { return 1.0f / (1.0f + exp_one(-v)); }

/* Elementwise loops may run in place (y == x): no element reads another's result. */
#define MAP_LOOP(function)                                       \
    _Pragma("clang loop vectorize(assume_safety)")               \
    for (long i = 0; i < n; i++) y[i] = function(x[i]);

#define DEFINE_MAP(name, function)                                                              \
    static void cortex_##name##_baseline(const float *x, float *y, long n) { MAP_LOOP(function) }  \
    CORTEX_AVX2 static void cortex_##name##_avx2(const float *x, float *y, long n) { MAP_LOOP(function) } \
    CORTEX_DISPATCH(cortex_##name, (const float *x, float *y, long n), (x, y, n))

DEFINE_MAP(exp, exp_one)
DEFINE_MAP(tanh, tanh_one)
DEFINE_MAP(sigmoid, sigmoid_one)
