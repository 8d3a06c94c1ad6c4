#include "CKernels.h"
#include "CPUFeatures.h"
#include "Window.h"

/* A convolution whose patches are short (a one- or three-channel image under a small window)
   makes a poor matrix product: the patch matrix has as many columns as the patch has values (9
   for a 3 × 3 window over one channel), and unfolding it costs more than the product. Here each
   output pixel is summed straight from the image instead: the filters' values for one input
   value lie side by side, so 32 output channels at a time are accumulated in vector registers,
   one broadcast input value times a row of the filter per step, for two neighbouring pixels at
   once: one pixel's four sums alone wait on the latency of their own multiply-adds (1.8 cycles
   each, measured), two pixels' eight keep both FMA units busy; three pixels' twelve sums and
   the filter row no longer fit the sixteen vector registers. */

enum { BLOCK = 32, STRIP = 2 };

/* Output channels `from..<from + count` (count ≤ BLOCK) of one pixel whose window's corner is
   image cell (y0, x0), over the taps inside the image. A constant `count` (BLOCK) lets the
   compiler keep the sums in registers. */
ALWAYS_INLINE void pixel_block(const cortex_conv_geometry *g, const float *image, const float *filter, float *out,
                               long y0, long x0, long ky0, long ky1, long kx0, long kx1, long from, long count) {
    const long channels = g->channels, filters = g->filters;
    float sums[BLOCK] = {0};
    for (long ky = ky0; ky < ky1; ky++) {
        for (long kx = kx0; kx < kx1; kx++) {
            const float *pixel = image + ((y0 + ky * g->dilation_y) * g->width + x0 + kx * g->dilation_x) * channels;
            const float *weights = filter + (ky * g->kernel_width + kx) * channels * filters + from;
            for (long c = 0; c < channels; c++) {
                const float value = pixel[c];
                const float *row = weights + c * filters;
                for (long j = 0; j < count; j++) sums[j] += value * row[j];
            }
        }
    }
    for (long j = 0; j < count; j++) out[from + j] = sums[j];
}

/* The BLOCK output channels from `from` of STRIP pixels side by side whose windows lie inside
   the image; `pixel` is the first one's window corner, and patch value q of a pixel lies
   `offsets[q]` after its corner (row q of the filter matrix). One flat loop over the patch:
   with one input channel, loops over rows, columns and channels ran a single step each. */
ALWAYS_INLINE void strip_block(const cortex_conv_geometry *g, const float *pixel, const long *offsets,
                               const float *filter, float *out, long from) {
    const long filters = g->filters, step = g->stride_x * g->channels;
    const long patch = g->kernel_height * g->kernel_width * g->channels;
    float sums[STRIP][BLOCK] = {{0}};
    for (long q = 0; q < patch; q++) {
        const float *row = filter + q * filters + from;
        for (long p = 0; p < STRIP; p++) {
            const float value = pixel[p * step + offsets[q]];
            for (long j = 0; j < BLOCK; j++) sums[p][j] += value * row[j];
        }
    }
    for (long p = 0; p < STRIP; p++)
        for (long j = 0; j < BLOCK; j++) out[p * filters + from + j] = sums[p][j];
}

ALWAYS_INLINE void convolve_rows(const cortex_conv_geometry *g, const float *input, const float *filter, float *output,
                                 long first_row, long last_row) {
    const long image_size = g->height * g->width * g->channels;
    const long full_blocks = g->filters / BLOCK * BLOCK;
    long offsets[CORTEX_DIRECT_CONVOLUTION_MAXIMUM_PATCH];
    for (long ky = 0, q = 0; ky < g->kernel_height; ky++)
        for (long kx = 0; kx < g->kernel_width; kx++)
            for (long c = 0; c < g->channels; c++, q++)
                offsets[q] = (ky * g->dilation_y * g->width + kx * g->dilation_x) * g->channels + c;
    for (long row = first_row; row < last_row; row++) {
        const long n = row / g->output_height, oy = row % g->output_height;
        const float *image = input + n * image_size;
        const long y0 = oy * g->stride_y - g->pad_top;
        long ky0, ky1;
        tap_range(y0, g->kernel_height, g->dilation_y, g->height, &ky0, &ky1);
        const int rows_inside = ky0 == 0 && ky1 == g->kernel_height;
        /* The pixels whose windows lie inside the image horizontally: first_inside..<end_inside. */
        const long span = (g->kernel_width - 1) * g->dilation_x;
        long first_inside = (g->pad_left + g->stride_x - 1) / g->stride_x;
        long end_inside = g->width - span + g->pad_left <= 0 ? 0 : (g->width - span - 1 + g->pad_left) / g->stride_x + 1;
        if (end_inside > g->output_width) end_inside = g->output_width;
        if (end_inside < first_inside) end_inside = first_inside;
        long ox = 0;
        while (ox < g->output_width) {
            if (rows_inside && ox >= first_inside && ox + STRIP <= end_inside && full_blocks > 0) {
                const long x0 = ox * g->stride_x - g->pad_left;
                const float *corner = image + (y0 * g->width + x0) * g->channels;
                float *out = output + (row * g->output_width + ox) * g->filters;
                for (long from = 0; from < full_blocks; from += BLOCK)
                    strip_block(g, corner, offsets, filter, out, from);
                if (full_blocks < g->filters) {
                    for (long p = 0; p < STRIP; p++)
                        pixel_block(g, image, filter, out + p * g->filters, y0, x0 + p * g->stride_x, ky0, ky1, 0,
                                    g->kernel_width, full_blocks, g->filters - full_blocks);
                }
                ox += STRIP;
                continue;
            }
            const long x0 = ox * g->stride_x - g->pad_left;
            long kx0, kx1;
            tap_range(x0, g->kernel_width, g->dilation_x, g->width, &kx0, &kx1);
            float *out = output + (row * g->output_width + ox) * g->filters;
            for (long from = 0; from < full_blocks; from += BLOCK)
                pixel_block(g, image, filter, out, y0, x0, ky0, ky1, kx0, kx1, from, BLOCK);
            if (full_blocks < g->filters)
                pixel_block(g, image, filter, out, y0, x0, ky0, ky1, kx0, kx1, full_blocks, g->filters - full_blocks);
            ox++;
        }
    }
}

static void cortex_conv2d_direct_baseline(const cortex_conv_geometry *g, const float *input, const float *filter,
                                          float *output, long first_row, long last_row) {
    convolve_rows(g, input, filter, output, first_row, last_row);
}

CORTEX_AVX2 static void cortex_conv2d_direct_avx2(const cortex_conv_geometry *g, const float *input, const float *filter,
                                                  float *output, long first_row, long last_row) {
    convolve_rows(g, input, filter, output, first_row, last_row);
}

CORTEX_DISPATCH(cortex_conv2d_direct,
                (const cortex_conv_geometry *g, const float *input, const float *filter, float *output,
                 long first_row, long last_row),
                (g, input, filter, output, first_row, last_row))
