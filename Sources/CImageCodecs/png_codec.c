#include "CImageCodecs.h"

#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/// Images above this many pixels are refused rather than allocated: a corrupt header must not
/// make the decoder ask for gigabytes.
#define CORTEX_MAX_PIXELS ((size_t)1 << 28)

static void copy_message(char *destination, size_t size, const char *text) {
    if (size == 0) return;
    snprintf(destination, size, "%s", text);
}

int cortex_png_decode(const unsigned char *data, size_t size, cortex_decoded_image *image) {
    png_image png;
    memset(&png, 0, sizeof png);
    png.version = PNG_IMAGE_VERSION;
    image->pixels = NULL;
    if (!png_image_begin_read_from_memory(&png, data, size)) {
        copy_message(image->message, sizeof image->message, png.message);
        png_image_free(&png);
        return 0;
    }
    if ((size_t)png.width * (size_t)png.height > CORTEX_MAX_PIXELS) {
        snprintf(image->message, sizeof image->message, "image of %u x %u pixels is too large", png.width, png.height);
        png_image_free(&png);
        return 0;
    }
    png.format = PNG_FORMAT_RGBA;
    unsigned char *pixels = malloc(PNG_IMAGE_SIZE(png));
    if (pixels == NULL) {
        copy_message(image->message, sizeof image->message, "out of memory");
        png_image_free(&png);
        return 0;
    }
    if (!png_image_finish_read(&png, NULL, pixels, 0, NULL)) {
        copy_message(image->message, sizeof image->message, png.message);
        free(pixels);
        png_image_free(&png);
        return 0;
    }
    image->pixels = pixels;
    image->width = (int)png.width;
    image->height = (int)png.height;
    image->channels = 4;
    png_image_free(&png);
    return 1;
}

int cortex_png_encode(const unsigned char *pixels, int width, int height, int channels,
                      unsigned char **output, size_t *outputSize, char *message, size_t messageSize) {
    static const png_uint_32 formats[5] = {0, PNG_FORMAT_GRAY, PNG_FORMAT_GA, PNG_FORMAT_RGB, PNG_FORMAT_RGBA};
    *output = NULL;
    *outputSize = 0;
    if (channels < 1 || channels > 4 || width <= 0 || height <= 0) {
        snprintf(message, messageSize, "cannot encode %d x %d pixels with %d channels", width, height, channels);
        return 0;
    }
    png_image png;
    memset(&png, 0, sizeof png);
    png.version = PNG_IMAGE_VERSION;
    png.width = (png_uint_32)width;
    png.height = (png_uint_32)height;
    png.format = formats[channels];
    png_alloc_size_t size = 0;
    if (!png_image_write_to_memory(&png, NULL, &size, 0, pixels, 0, NULL)) {
        copy_message(message, messageSize, png.message);
        png_image_free(&png);
        return 0;
    }
    unsigned char *buffer = malloc(size);
    if (buffer == NULL) {
        copy_message(message, messageSize, "out of memory");
        return 0;
    }
    if (!png_image_write_to_memory(&png, buffer, &size, 0, pixels, 0, NULL)) {
        copy_message(message, messageSize, png.message);
        free(buffer);
        png_image_free(&png);
        return 0;
    }
    *output = buffer;
    *outputSize = size;
    return 1;
}

void cortex_image_free(void *pointer) {
    free(pointer);
}
