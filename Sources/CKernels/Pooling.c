#include "CKernels.h"
#include "CPUFeatures.h"
#include "Window.h"

/* Pooling over NHWC images folds the window's pixels channel by channel: the channels of a pixel
   lie side by side, so each fold is a vector loop over them. Padding cells never count. */

/* One output row of max pooling (`maximum`) or average pooling: the first tap inside the image
   initialises the pixel's channels, each further tap folds into them, all as plain loops over
   the channels with the geometry in locals, which the compiler vectorises. (Eight-channel
   blocks that folded every tap in one register compiled to slower code: 9 µs against 3.5–5 for
   a 26 × 26 × 32 image.) */
ALWAYS_INLINE void pool_row(const float *image, float *restrict out, long y0, long ky0, long ky1, long width,
                            long channels, long kernel_width, long stride_x, long pad_left, long output_width,
                            int maximum) {
    for (long ox = 0; ox < output_width; ox++, out += channels) {
        const long x0 = ox * stride_x - pad_left;
        long kx0, kx1;
        tap_range(x0, kernel_width, 1, width, &kx0, &kx1);
        int first = 1;
        for (long ky = ky0; ky < ky1; ky++) {
            for (long kx = kx0; kx < kx1; kx++) {
                const float *restrict cell = image + ((y0 + ky) * width + x0 + kx) * channels;
                if (first) {
                    for (long c = 0; c < channels; c++) out[c] = cell[c];
                } else if (maximum) {
                    for (long c = 0; c < channels; c++) out[c] = cell[c] > out[c] ? cell[c] : out[c];
                } else {
                    for (long c = 0; c < channels; c++) out[c] += cell[c];
                }
                first = 0;
            }
        }
        if (!maximum) {
            const float scale = 1.0f / (float)((ky1 - ky0) * (kx1 - kx0));
            for (long c = 0; c < channels; c++) out[c] *= scale;
        }
    }
}

ALWAYS_INLINE void pool_rows(const cortex_conv_geometry *g, const float *input, float *output, long first_row,
                             long last_row, int maximum) {
    const long height = g->height, width = g->width, channels = g->channels;
    const long output_height = g->output_height, output_width = g->output_width;
    for (long row = first_row; row < last_row; row++) {
        const long n = row / output_height, oy = row % output_height;
        const long y0 = oy * g->stride_y - g->pad_top;
        long ky0, ky1;
        tap_range(y0, g->kernel_height, 1, height, &ky0, &ky1);
        const float *image = input + n * height * width * channels;
        float *out = output + row * output_width * channels;
        if (maximum) {
            pool_row(image, out, y0, ky0, ky1, width, channels, g->kernel_width, g->stride_x, g->pad_left, output_width, 1);
        } else {
            pool_row(image, out, y0, ky0, ky1, width, channels, g->kernel_width, g->stride_x, g->pad_left, output_width, 0);
        }
    }
}

static void cortex_pool2d_baseline(const cortex_conv_geometry *g, const float *input, float *output,
                                   long first_row, long last_row, int maximum) {
    pool_rows(g, input, output, first_row, last_row, maximum);
}

CORTEX_AVX2 static void cortex_pool2d_avx2(const cortex_conv_geometry *g, const float *input, float *output,
                                           long first_row, long last_row, int maximum) {
    pool_rows(g, input, output, first_row, last_row, maximum);
}

CORTEX_DISPATCH(cortex_pool2d,
                (const cortex_conv_geometry *g, const float *input, float *output, long first_row, long last_row,
                 int maximum),
                (g, input, output, first_row, last_row, maximum))
