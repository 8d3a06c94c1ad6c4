#include "CKernels.h"
#include "CPUFeatures.h"

/* The bias of a dense or convolution layer, added to every row, with the ReLU that usually
   follows folded into the same pass. A plain loop over the channels of a row, which the compiler
   vectorises; in Swift the same loop stayed at SSE width and checked its three pointers for
   overlap on every row (7 µs for 676 rows of 32 channels). */
ALWAYS_INLINE void add_bias(const float *restrict x, const float *restrict bias, float *restrict y, long rows,
                            long channels, int relu) {
    for (long row = 0; row < rows; row++, x += channels, y += channels) {
        if (relu) {
            for (long c = 0; c < channels; c++) {
                const float sum = x[c] + bias[c];
                y[c] = sum < 0.0f ? 0.0f : sum; /* NaN stays NaN */
            }
        } else {
            for (long c = 0; c < channels; c++) y[c] = x[c] + bias[c];
        }
    }
}

static void cortex_add_bias_baseline(const float *x, const float *bias, float *y, long rows, long channels, int relu) {
    add_bias(x, bias, y, rows, channels, relu);
}

CORTEX_AVX2 static void cortex_add_bias_avx2(const float *x, const float *bias, float *y, long rows, long channels,
                                             int relu) {
    add_bias(x, bias, y, rows, channels, relu);
}

CORTEX_DISPATCH(cortex_add_bias, (const float *x, const float *bias, float *y, long rows, long channels, int relu),
                (x, bias, y, rows, channels, relu))
