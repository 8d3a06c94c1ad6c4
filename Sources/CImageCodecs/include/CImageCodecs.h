#ifndef CORTEX_IMAGE_CODECS_H
#define CORTEX_IMAGE_CODECS_H

#include <stddef.h>

/// Pixels decoded by libpng or libjpeg: 8-bit, row-major, `channels` interleaved samples per pixel.
/// On failure the functions return 0 and leave a readable reason in `message`.
typedef struct {
    unsigned char *pixels;
    int width;
    int height;
    int channels;
    char message[256];
} cortex_decoded_image;

/// Decodes a PNG to 8-bit RGBA (every PNG colour type, palette and bit depth). Returns 1 on success.
int cortex_png_decode(const unsigned char *data, size_t size, cortex_decoded_image *image);

/// Decodes a JPEG to 8-bit RGB. Corrupt or truncated data is an error, not a warning. Returns 1 on success.
int cortex_jpeg_decode(const unsigned char *data, size_t size, cortex_decoded_image *image);

/// Encodes 8-bit pixels with 1, 2, 3 or 4 channels (gray, gray+alpha, RGB, RGBA) as a PNG.
/// On success `*output` holds `*outputSize` bytes to release with `cortex_image_free`.
int cortex_png_encode(const unsigned char *pixels, int width, int height, int channels,
                      unsigned char **output, size_t *outputSize, char *message, size_t messageSize);

/// Encodes 8-bit gray (1 channel) or RGB (3 channels) pixels as a baseline JPEG of `quality` 1...100.
int cortex_jpeg_encode(const unsigned char *pixels, int width, int height, int channels, int quality,
                       unsigned char **output, size_t *outputSize, char *message, size_t messageSize);

/// Releases memory returned by the functions above.
void cortex_image_free(void *pointer);

#endif
