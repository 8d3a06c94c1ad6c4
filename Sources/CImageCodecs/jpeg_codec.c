#include "CImageCodecs.h"

#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jpeglib.h>

#define CORTEX_MAX_PIXELS ((size_t)1 << 28)

/// libjpeg reports errors by calling `error_exit`, which must not return: this manager jumps
/// back to the caller's `setjmp` with the library's message, so a corrupt file becomes an error
/// code instead of `exit()`.
typedef struct {
    struct jpeg_error_mgr base;
    jmp_buf jump;
    char message[JMSG_LENGTH_MAX];
} cortex_jpeg_error;

static void cortex_jpeg_error_exit(j_common_ptr info) {
    cortex_jpeg_error *error = (cortex_jpeg_error *)info->err;
    (*info->err->format_message)(info, error->message);
    longjmp(error->jump, 1);
}

/// Warnings (level -1) mean corrupt data that libjpeg would paper over with grey pixels, e.g. a
/// truncated file: treat them as errors. Trace messages (level >= 0) are ignored.
static void cortex_jpeg_emit_message(j_common_ptr info, int level) {
    if (level < 0) cortex_jpeg_error_exit(info);
}

static void cortex_jpeg_silent(j_common_ptr info) {
    (void)info;
}

static void install_error_manager(struct jpeg_error_mgr *base) {
    jpeg_std_error(base);
    base->error_exit = cortex_jpeg_error_exit;
    base->emit_message = cortex_jpeg_emit_message;
    base->output_message = cortex_jpeg_silent;
}

int cortex_jpeg_decode(const unsigned char *data, size_t size, cortex_decoded_image *image) {
    struct jpeg_decompress_struct info;
    cortex_jpeg_error error;
    /* volatile: read after longjmp. */
    unsigned char *volatile pixels = NULL;
    image->pixels = NULL;
    info.err = &error.base;
    install_error_manager(&error.base);
    if (setjmp(error.jump)) {
        snprintf(image->message, sizeof image->message, "%s", error.message);
        free(pixels);
        jpeg_destroy_decompress(&info);
        return 0;
    }
    jpeg_create_decompress(&info);
    jpeg_mem_src(&info, data, (unsigned long)size);
    jpeg_read_header(&info, TRUE);
    info.out_color_space = JCS_RGB;
    jpeg_start_decompress(&info);
    size_t width = info.output_width, height = info.output_height;
    if (width * height > CORTEX_MAX_PIXELS) {
        snprintf(image->message, sizeof image->message, "image of %zu x %zu pixels is too large", width, height);
        jpeg_destroy_decompress(&info);
        return 0;
    }
    pixels = malloc(width * height * 3);
    if (pixels == NULL) {
        snprintf(image->message, sizeof image->message, "out of memory");
        jpeg_destroy_decompress(&info);
        return 0;
    }
    while (info.output_scanline < info.output_height) {
        JSAMPROW row = pixels + (size_t)info.output_scanline * width * 3;
        jpeg_read_scanlines(&info, &row, 1);
    }
    jpeg_finish_decompress(&info);
    jpeg_destroy_decompress(&info);
    image->pixels = pixels;
    image->width = (int)width;
    image->height = (int)height;
    image->channels = 3;
    return 1;
}

int cortex_jpeg_encode(const unsigned char *pixels, int width, int height, int channels, int quality,
                       unsigned char **output, size_t *outputSize, char *message, size_t messageSize) {
    struct jpeg_compress_struct info;
    cortex_jpeg_error error;
    unsigned char *destination = NULL;
    unsigned long size = 0;
    *output = NULL;
    *outputSize = 0;
    if ((channels != 1 && channels != 3) || width <= 0 || height <= 0 || quality < 1 || quality > 100) {
        snprintf(message, messageSize, "cannot encode %d x %d pixels with %d channels at quality %d as JPEG",
                 width, height, channels, quality);
        return 0;
    }
    info.err = &error.base;
    install_error_manager(&error.base);
    /* After a failure the destination buffer may have been reallocated by libjpeg without
       `destination` seeing it, so it is not freed there; compression of validated pixels only
       fails when memory runs out. */
    if (setjmp(error.jump)) {
        snprintf(message, messageSize, "%s", error.message);
        jpeg_destroy_compress(&info);
        return 0;
    }
    jpeg_create_compress(&info);
    jpeg_mem_dest(&info, &destination, &size);
    info.image_width = (JDIMENSION)width;
    info.image_height = (JDIMENSION)height;
    info.input_components = channels;
    info.in_color_space = channels == 1 ? JCS_GRAYSCALE : JCS_RGB;
    jpeg_set_defaults(&info);
    jpeg_set_quality(&info, quality, TRUE);
    jpeg_start_compress(&info, TRUE);
    while (info.next_scanline < info.image_height) {
        JSAMPROW row = (JSAMPROW)(pixels + (size_t)info.next_scanline * (size_t)width * (size_t)channels);
        jpeg_write_scanlines(&info, &row, 1);
    }
    jpeg_finish_compress(&info);
    jpeg_destroy_compress(&info);
    *output = destination;
    *outputSize = size;
    return 1;
}
