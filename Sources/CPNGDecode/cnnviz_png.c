#include "cnnviz_png.h"

#include <errno.h>
#include <png.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct cnnviz_png_reader {
    FILE *file;
    png_structp png;
    png_infop info;
    png_uint_32 width, height;
    int interlaced;
    /* Where libpng's error callback leaves its message before jumping back. */
    char message[256];
};

static void on_error(png_structp png, png_const_charp message) {
    cnnviz_png_reader *reader = (cnnviz_png_reader *)png_get_error_ptr(png);
    if (reader) snprintf(reader->message, sizeof reader->message, "%s", message ? message : "unknown libpng error");
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

/* One row of RGBA (straight alpha) → premultiplied BGRA, in place. */
static void premultiply_row(unsigned char *p, png_uint_32 width) {
    for (png_uint_32 i = 0; i < width; i++, p += 4) {
        unsigned char r = p[0], a = p[3];
        if (a == 0) {
            p[0] = p[1] = p[2] = 0;
        } else if (a == 0xff) {
            p[0] = p[2];
            p[2] = r;
        } else {
            p[0] = multiply_alpha(a, p[2]);
            p[1] = multiply_alpha(a, p[1]);
            p[2] = multiply_alpha(a, r);
        }
    }
}

static cnnviz_png_status status_of(int code, const char *message) {
    cnnviz_png_status status;
    memset(&status, 0, sizeof status);
    status.status = code;
    snprintf(status.message, sizeof status.message, "%s", message);
    return status;
}

void cnnviz_png_close(cnnviz_png_reader *reader) {
    if (!reader) return;
    if (reader->png) png_destroy_read_struct(&reader->png, reader->info ? &reader->info : NULL, NULL);
    if (reader->file) fclose(reader->file);
    free(reader);
}

cnnviz_png_status cnnviz_png_open(const char *path, long long max_pixels, int max_side, cnnviz_png_reader **out) {
    *out = NULL;
    cnnviz_png_reader *reader = calloc(1, sizeof *reader);
    if (!reader) return status_of(CNNVIZ_PNG_NO_MEMORY, "out of memory");
    reader->file = fopen(path, "rb");
    if (!reader->file) {
        cnnviz_png_status failed = status_of(CNNVIZ_PNG_CANNOT_OPEN, strerror(errno));
        cnnviz_png_close(reader);
        return failed;
    }
    unsigned char signature[8];
    if (fread(signature, 1, 8, reader->file) != 8 || png_sig_cmp(signature, 0, 8) != 0) {
        cnnviz_png_close(reader);
        return status_of(CNNVIZ_PNG_NOT_PNG, "the PNG signature is missing");
    }
    reader->png = png_create_read_struct(PNG_LIBPNG_VER_STRING, reader, on_error, on_warning);
    if (reader->png) reader->info = png_create_info_struct(reader->png);
    if (!reader->png || !reader->info) {
        cnnviz_png_close(reader);
        return status_of(CNNVIZ_PNG_NO_MEMORY, "libpng could not start");
    }
    if (setjmp(png_jmpbuf(reader->png))) {
        cnnviz_png_status failed = status_of(CNNVIZ_PNG_DAMAGED, reader->message[0] ? reader->message : "libpng failed");
        cnnviz_png_close(reader);
        return failed;
    }
    png_structp png = reader->png;
    png_infop info = reader->info;
    png_init_io(png, reader->file);
    png_set_sig_bytes(png, 8);
    png_set_user_limits(png, (png_uint_32)max_side, (png_uint_32)max_side);
    png_set_chunk_malloc_max(png, 8u << 20);
    png_read_info(png, info);

    png_uint_32 width = 0, height = 0;
    int depth = 0, colour = 0, interlace = 0;
    png_get_IHDR(png, info, &width, &height, &depth, &colour, &interlace, NULL, NULL);
    if (width == 0 || height == 0 || width > (png_uint_32)max_side || height > (png_uint_32)max_side
        || (long long)width * (long long)height > max_pixels) {
        char message[256];
        snprintf(message, sizeof message, "image is %u×%u pixels", (unsigned)width, (unsigned)height);
        cnnviz_png_status big = status_of(CNNVIZ_PNG_TOO_LARGE, message);
        big.width = (int)(width > 0x7fffffff ? 0x7fffffff : width);
        big.height = (int)(height > 0x7fffffff ? 0x7fffffff : height);
        cnnviz_png_close(reader);
        return big;
    }
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

    reader->width = width;
    reader->height = height;
    reader->interlaced = interlace != PNG_INTERLACE_NONE;
    *out = reader;
    cnnviz_png_status ok = status_of(CNNVIZ_PNG_OK, "");
    ok.width = (int)width;
    ok.height = (int)height;
    return ok;
}

cnnviz_png_status cnnviz_png_read(cnnviz_png_reader *reader, unsigned char *pixels, size_t stride) {
    png_bytep *volatile rows = NULL;
    if (setjmp(png_jmpbuf(reader->png))) {
        free(rows);
        return status_of(CNNVIZ_PNG_DAMAGED, reader->message[0] ? reader->message : "libpng failed");
    }
    if (reader->interlaced) {
        /* Adam7 needs every row in place before any is final. */
        rows = malloc(sizeof(png_bytep) * reader->height);
        if (!rows) png_error(reader->png, "out of memory for the row table");
        for (png_uint_32 y = 0; y < reader->height; y++) rows[y] = pixels + y * stride;
        png_read_image(reader->png, rows);
        for (png_uint_32 y = 0; y < reader->height; y++) premultiply_row(rows[y], reader->width);
        free(rows);
        rows = NULL;
    } else {
        /* Row by row, converting each while it is still in cache. */
        for (png_uint_32 y = 0; y < reader->height; y++) {
            png_read_row(reader->png, pixels + y * stride, NULL);
            premultiply_row(pixels + y * stride, reader->width);
        }
    }
    png_read_end(reader->png, reader->info);
    cnnviz_png_status ok = status_of(CNNVIZ_PNG_OK, "");
    ok.width = (int)reader->width;
    ok.height = (int)reader->height;
    return ok;
}
