#ifndef CORTEX_CKERNELS_H
#define CORTEX_CKERNELS_H

/* The few loops Cortex writes in C: they need AVX2 and FMA, which the Swift code is not compiled
   for, and the CPU decides at start-up which of their two compiled copies runs. */

/// y[i] = f(x[i]) for i in 0..<n; y may be x. See VectorMath.swift for the method and accuracy.
void cortex_exp(const float *x, float *y, long n);
void cortex_tanh(const float *x, float *y, long n);
void cortex_sigmoid(const float *x, float *y, long n);

/// y[r, c] = x[r, c] + bias[c] for `rows` rows of `channels`, then max(0, ·) when `relu` is 1.
void cortex_add_bias(const float *x, const float *bias, float *y, long rows, long channels, int relu);

/// The sliding window of a 2-D convolution over an NHWC batch (ConvGeometry in Swift).
typedef struct {
    long height, width, channels;
    long kernel_height, kernel_width, filters;
    long stride_y, stride_x, dilation_y, dilation_x;
    long pad_top, pad_left;
    long output_height, output_width;
} cortex_conv_geometry;

/// The longest patch (kh * kw * Cin) `cortex_conv2d_direct` takes.
#define CORTEX_DIRECT_CONVOLUTION_MAXIMUM_PATCH 32

/// Output rows `first_row..<last_row` of the batch (row = image * output_height + y) of the
/// convolution of `input` [N, H, W, Cin] with `filter` [kh, kw, Cin, Cout], computed directly
/// from the image (no patch matrix); padding reads as zero. See DirectConvolution.c for when.
void cortex_conv2d_direct(const cortex_conv_geometry *geometry, const float *input, const float *filter,
                          float *output, long first_row, long last_row);

/// Output rows `first_row..<last_row` of the batch of max pooling (`maximum` 1) or average
/// pooling (0) of `input` [N, H, W, C] under the window of `geometry` (whose `filters` is C):
/// the largest or the mean of the window's cells inside the image, channel by channel.
void cortex_pool2d(const cortex_conv_geometry *geometry, const float *input, float *output,
                   long first_row, long last_row, int maximum);

#endif
