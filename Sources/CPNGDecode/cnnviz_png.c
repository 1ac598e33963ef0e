#include "cnnviz_png.h"

#include <errno.h>
#include <png.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Where libpng's error callback leaves its message before jumping back. */
typedef struct {
    char message[256];
} error_slot;

static void on_error(png_structp png, png_const_charp message) {
    error_slot *slot = (error_slot *)png_get_error_ptr(png);
    if (slot) snprintf(slot->message, sizeof slot->message, "%s", message ? message : "unknown libpng error");
    png_longjmp(png, 1);
}

static void on_warning(png_structp png, png_const_charp message) {
    (void)png;
    (void)message; /* benign problems (ancillary chunk CRCs, unknown chunks) are not errors */
}

/* Cairo's rounding for premultiplication, so pixels match cairo_image_surface_create_from_png. */
static unsigned char multiply_alpha(unsigned alpha, unsigned colour) {
    unsigned temp = alpha * colour + 0x80;
    return (unsigned char)((temp + (temp >> 8)) >> 8);
}

static cnnviz_png_result failure(int status, const char *message) {
    cnnviz_png_result result;
    memset(&result, 0, sizeof result);
    result.status = status;
    snprintf(result.message, sizeof result.message, "%s", message);
    return result;
}

cnnviz_png_result cnnviz_png_decode(const char *path, long long max_pixels, int max_side) {
    FILE *file = fopen(path, "rb");
    if (!file) return failure(CNNVIZ_PNG_CANNOT_OPEN, strerror(errno));

    unsigned char signature[8];
    if (fread(signature, 1, 8, file) != 8 || png_sig_cmp(signature, 0, 8) != 0) {
        fclose(file);
        return failure(CNNVIZ_PNG_NOT_PNG, "the PNG signature is missing");
    }

    error_slot slot;
    memset(&slot, 0, sizeof slot);
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &slot, on_error, on_warning);
    if (!png) {
        fclose(file);
        return failure(CNNVIZ_PNG_NO_MEMORY, "libpng could not start");
    }
    png_infop info = png_create_info_struct(png);
    /* volatile: changed between setjmp and a possible longjmp. */
    unsigned char *volatile pixels = NULL;
    png_bytep *volatile rows = NULL;
    cnnviz_png_result result;
    memset(&result, 0, sizeof result);

    if (!info) {
        png_destroy_read_struct(&png, NULL, NULL);
        fclose(file);
        return failure(CNNVIZ_PNG_NO_MEMORY, "libpng could not start");
    }
    if (setjmp(png_jmpbuf(png))) {
        free(pixels);
        free(rows);
        png_destroy_read_struct(&png, &info, NULL);
        fclose(file);
        return failure(CNNVIZ_PNG_DAMAGED, slot.message[0] ? slot.message : "libpng failed without a message");
    }

    png_init_io(png, file);
    png_set_sig_bytes(png, 8);
    png_set_user_limits(png, (png_uint_32)max_side, (png_uint_32)max_side);
    png_set_chunk_malloc_max(png, 8u << 20);
    png_read_info(png, info);

    png_uint_32 width = 0, height = 0;
    int depth = 0, colour = 0, interlace = 0;
    png_get_IHDR(png, info, &width, &height, &depth, &colour, &interlace, NULL, NULL);
    if (width == 0 || height == 0 || width > (png_uint_32)max_side || height > (png_uint_32)max_side
        || (long long)width * (long long)height > max_pixels) {
        png_destroy_read_struct(&png, &info, NULL);
        fclose(file);
        char message[256];
        snprintf(message, sizeof message, "image is %u×%u pixels", (unsigned)width, (unsigned)height);
        cnnviz_png_result big = failure(CNNVIZ_PNG_TOO_LARGE, message);
        big.width = (int)(width > 0x7fffffff ? 0x7fffffff : width);
        big.height = (int)(height > 0x7fffffff ? 0x7fffffff : height);
        return big;
    }

    int has_alpha = (colour & PNG_COLOR_MASK_ALPHA) != 0 || png_get_valid(png, info, PNG_INFO_tRNS);
    if (colour == PNG_COLOR_TYPE_PALETTE) png_set_palette_to_rgb(png);
    if (colour == PNG_COLOR_TYPE_GRAY) png_set_expand_gray_1_2_4_to_8(png);
    if (png_get_valid(png, info, PNG_INFO_tRNS)) png_set_tRNS_to_alpha(png);
    if (depth == 16) png_set_strip_16(png);
    if (depth < 8) png_set_packing(png);
    if (colour == PNG_COLOR_TYPE_GRAY || colour == PNG_COLOR_TYPE_GRAY_ALPHA) png_set_gray_to_rgb(png);
    if (interlace != PNG_INTERLACE_NONE) png_set_interlace_handling(png);
    png_set_filler(png, 0xff, PNG_FILLER_AFTER);
    png_read_update_info(png, info);
    if (png_get_rowbytes(png, info) != (size_t)width * 4) png_error(png, "unexpected row size after conversion");

    size_t stride = (size_t)width * 4;
    pixels = malloc(stride * height);
    rows = malloc(sizeof(png_bytep) * height);
    if (!pixels || !rows) png_error(png, "out of memory for the pixels");
    for (png_uint_32 y = 0; y < height; y++) rows[y] = pixels + y * stride;
    png_read_image(png, rows);
    png_read_end(png, info);

    /* RGBA (straight alpha) → premultiplied BGRA, in place. */
    unsigned char *p = pixels;
    for (size_t i = 0, n = (size_t)width * height; i < n; i++, p += 4) {
        unsigned char r = p[0], g = p[1], b = p[2], a = p[3];
        if (a == 0) {
            p[0] = p[1] = p[2] = 0;
        } else if (a == 0xff) {
            p[0] = b; p[2] = r; (void)g;
        } else {
            p[0] = multiply_alpha(a, b);
            p[1] = multiply_alpha(a, g);
            p[2] = multiply_alpha(a, r);
        }
    }

    free(rows);
    rows = NULL;
    png_destroy_read_struct(&png, &info, NULL);
    fclose(file);
    result.status = CNNVIZ_PNG_OK;
    result.width = (int)width;
    result.height = (int)height;
    result.has_alpha = has_alpha;
    result.pixels = pixels;
    return result;
}

void cnnviz_png_free(cnnviz_png_result *result) {
    if (!result) return;
    free(result->pixels);
    result->pixels = NULL;
}
