#include "cnnviz_jpeg.h"

#include <errno.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>
#include <jerror.h>

/* Progressive files can hold many scans; a hostile one can hold millions and take minutes.
   Real encoders write about ten; libjpeg-turbo's own tools suggest a limit of this order. */
enum { MAX_SCANS = 500 };

/* libjpeg's memory manager refuses to grow past this (backing store is not configured, so
   an image needing more fails with an error instead of exhausting the machine). */
static const long MAX_MEMORY = 1L << 30;

typedef struct {
    struct jpeg_error_mgr base;
    jmp_buf jump;
    int code;
    /* Where the error callback leaves libjpeg's message before jumping back. */
    char message[JMSG_LENGTH_MAX + 32];
} error_manager;

struct cnnviz_jpeg_reader {
    FILE *file;
    struct jpeg_decompress_struct info;
    error_manager errors;
    struct jpeg_progress_mgr progress;
    int created;
    /* CMYK output, converted to BGRA row by row; Adobe files store the inks inverted. */
    int cmyk;
    int inverted;
};

static void on_error(j_common_ptr info) {
    error_manager *errors = (error_manager *)info->err;
    errors->code = CNNVIZ_JPEG_DAMAGED;
    (*info->err->format_message)(info, errors->message);
    longjmp(errors->jump, 1);
}

/* Warnings (level -1) about corrupt data are benign, except the end of the file arriving
   before the image data does: libjpeg would fill the rest with grey, cnnviz refuses it. */
static void on_message(j_common_ptr info, int level) {
    error_manager *errors = (error_manager *)info->err;
    if (level < 0 && info->err->msg_code == JWRN_JPEG_EOF) {
        errors->code = CNNVIZ_JPEG_TRUNCATED;
        snprintf(errors->message, sizeof errors->message, "the file ends before the image data does");
        longjmp(errors->jump, 1);
    }
    if (level < 0) info->err->num_warnings++;
}

static void on_progress(j_common_ptr info) {
    if (!info->is_decompressor) return;
    j_decompress_ptr decompress = (j_decompress_ptr)info;
    if (decompress->input_scan_number > MAX_SCANS) {
        error_manager *errors = (error_manager *)info->err;
        errors->code = CNNVIZ_JPEG_DAMAGED;
        snprintf(errors->message, sizeof errors->message, "more than %d progressive scans", MAX_SCANS);
        longjmp(errors->jump, 1);
    }
}

static cnnviz_jpeg_status status_of(int code, const char *message) {
    cnnviz_jpeg_status status;
    memset(&status, 0, sizeof status);
    status.status = code;
    snprintf(status.message, sizeof status.message, "%s", message);
    return status;
}

static cnnviz_jpeg_status failure_of(cnnviz_jpeg_reader *reader) {
    const char *message = reader->errors.message[0] ? reader->errors.message : "libjpeg failed";
    return status_of(reader->errors.code ? reader->errors.code : CNNVIZ_JPEG_DAMAGED, message);
}

void cnnviz_jpeg_close(cnnviz_jpeg_reader *reader) {
    if (!reader) return;
    if (reader->created) jpeg_destroy_decompress(&reader->info);
    if (reader->file) fclose(reader->file);
    free(reader);
}

cnnviz_jpeg_status cnnviz_jpeg_open(const char *path, long long max_pixels, int max_side, cnnviz_jpeg_reader **out) {
    *out = NULL;
    cnnviz_jpeg_reader *reader = calloc(1, sizeof *reader);
    if (!reader) return status_of(CNNVIZ_JPEG_NO_MEMORY, "out of memory");
    reader->file = fopen(path, "rb");
    if (!reader->file) {
        cnnviz_jpeg_status failed = status_of(CNNVIZ_JPEG_CANNOT_OPEN, strerror(errno));
        cnnviz_jpeg_close(reader);
        return failed;
    }
    unsigned char signature[3];
    if (fread(signature, 1, 3, reader->file) != 3 || signature[0] != 0xFF || signature[1] != 0xD8 || signature[2] != 0xFF) {
        cnnviz_jpeg_close(reader);
        return status_of(CNNVIZ_JPEG_NOT_JPEG, "the JPEG start-of-image marker is missing");
    }
    rewind(reader->file);

    struct jpeg_decompress_struct *info = &reader->info;
    info->err = jpeg_std_error(&reader->errors.base);
    reader->errors.base.error_exit = on_error;
    reader->errors.base.emit_message = on_message;
    if (setjmp(reader->errors.jump)) {
        cnnviz_jpeg_status failed = failure_of(reader);
        cnnviz_jpeg_close(reader);
        return failed;
    }
    jpeg_create_decompress(info);
    reader->created = 1;
    info->mem->max_memory_to_use = MAX_MEMORY;
    reader->progress.progress_monitor = on_progress;
    info->progress = &reader->progress;
    jpeg_stdio_src(info, reader->file);
    jpeg_save_markers(info, JPEG_APP0 + 1, 0xFFFF);
    jpeg_read_header(info, TRUE);

    JDIMENSION width = info->image_width, height = info->image_height;
    if (width == 0 || height == 0 || width > (JDIMENSION)max_side || height > (JDIMENSION)max_side
        || (long long)width * (long long)height > max_pixels) {
        char message[256];
        snprintf(message, sizeof message, "image is %u×%u pixels", (unsigned)width, (unsigned)height);
        cnnviz_jpeg_status big = status_of(CNNVIZ_JPEG_TOO_LARGE, message);
        big.width = (int)width;
        big.height = (int)height;
        cnnviz_jpeg_close(reader);
        return big;
    }
    switch (info->jpeg_color_space) {
    case JCS_CMYK:
    case JCS_YCCK:
        info->out_color_space = JCS_CMYK;
        reader->cmyk = 1;
        reader->inverted = info->saw_Adobe_marker;
        break;
    default:
        /* grey, RGB and YCbCr: libjpeg-turbo writes B G R A (alpha 0xFF) itself */
        info->out_color_space = JCS_EXT_BGRA;
        break;
    }
    *out = reader;
    cnnviz_jpeg_status ok = status_of(CNNVIZ_JPEG_OK, "");
    ok.width = (int)width;
    ok.height = (int)height;
    return ok;
}

const unsigned char *cnnviz_jpeg_exif(const cnnviz_jpeg_reader *reader, size_t *length) {
    *length = 0;
    if (!reader) return NULL;
    for (jpeg_saved_marker_ptr marker = reader->info.marker_list; marker; marker = marker->next) {
        if (marker->marker == JPEG_APP0 + 1 && marker->data_length >= 6 && memcmp(marker->data, "Exif\0\0", 6) == 0) {
            *length = marker->data_length;
            return marker->data;
        }
    }
    return NULL;
}

/* One row of C M Y K → B G R A, in place. Shape: width pixels of 4 bytes. */
static void cmyk_row_to_bgra(unsigned char *p, JDIMENSION width, int inverted) {
    for (JDIMENSION i = 0; i < width; i++, p += 4) {
        unsigned c = p[0], m = p[1], y = p[2], k = p[3];
        if (!inverted) {
            c = 255 - c;
            m = 255 - m;
            y = 255 - y;
            k = 255 - k;
        }
        /* now c, m, y, k are the amounts of paper left (255 = no ink) */
        p[0] = (unsigned char)((y * k + 127) / 255);
        p[1] = (unsigned char)((m * k + 127) / 255);
        p[2] = (unsigned char)((c * k + 127) / 255);
        p[3] = 0xFF;
    }
}

cnnviz_jpeg_status cnnviz_jpeg_read(cnnviz_jpeg_reader *reader, unsigned char *pixels, size_t stride) {
    if (setjmp(reader->errors.jump)) return failure_of(reader);
    struct jpeg_decompress_struct *info = &reader->info;
    jpeg_start_decompress(info);
    if (info->output_components != 4 || info->output_width != info->image_width || info->output_height != info->image_height) {
        reader->errors.code = CNNVIZ_JPEG_DAMAGED;
        snprintf(reader->errors.message, sizeof reader->errors.message, "unexpected output format after conversion");
        return failure_of(reader);
    }
    while (info->output_scanline < info->output_height) {
        unsigned char *row = pixels + (size_t)info->output_scanline * stride;
        if (jpeg_read_scanlines(info, &row, 1) != 1) {
            reader->errors.code = CNNVIZ_JPEG_TRUNCATED;
            snprintf(reader->errors.message, sizeof reader->errors.message, "the file ends before the image data does");
            return failure_of(reader);
        }
        if (reader->cmyk) cmyk_row_to_bgra(row, info->output_width, reader->inverted);
    }
    jpeg_finish_decompress(info);
    cnnviz_jpeg_status ok = status_of(CNNVIZ_JPEG_OK, "");
    ok.width = (int)info->output_width;
    ok.height = (int)info->output_height;
    return ok;
}

/* ---- Encoding (simulated phone photos, decode benchmarks) ---- */

/* The state a longjmp must find intact lives on the heap (locals may be clobbered). */
typedef struct {
    struct jpeg_compress_struct info;
    error_manager errors;
    unsigned char *out;
    unsigned long size;
    unsigned char *row;
} encoder;

cnnviz_jpeg_status cnnviz_jpeg_encode(
    const unsigned char *pixels, int width, int height, size_t stride, int quality,
    unsigned char **output, unsigned long *length) {
    *output = NULL;
    *length = 0;
    if (width <= 0 || height <= 0 || width > JPEG_MAX_DIMENSION || height > JPEG_MAX_DIMENSION)
        return status_of(CNNVIZ_JPEG_TOO_LARGE, "image size out of JPEG's range");
    if (stride < (size_t)width * 4) return status_of(CNNVIZ_JPEG_DAMAGED, "row stride shorter than the row");
    encoder *e = calloc(1, sizeof *e);
    if (!e) return status_of(CNNVIZ_JPEG_NO_MEMORY, "out of memory");
    e->row = malloc((size_t)width * 3);
    if (!e->row) {
        free(e);
        return status_of(CNNVIZ_JPEG_NO_MEMORY, "out of memory");
    }
    e->info.err = jpeg_std_error(&e->errors.base);
    e->errors.base.error_exit = on_error;
    if (setjmp(e->errors.jump)) {
        cnnviz_jpeg_status failed = status_of(e->errors.code ? e->errors.code : CNNVIZ_JPEG_DAMAGED, e->errors.message);
        jpeg_destroy_compress(&e->info);
        free(e->out);
        free(e->row);
        free(e);
        return failed;
    }
    jpeg_create_compress(&e->info);
    jpeg_mem_dest(&e->info, &e->out, &e->size);
    e->info.image_width = (JDIMENSION)width;
    e->info.image_height = (JDIMENSION)height;
    e->info.input_components = 3;
    e->info.in_color_space = JCS_RGB;
    jpeg_set_defaults(&e->info);
    jpeg_set_quality(&e->info, quality < 1 ? 1 : quality > 100 ? 100 : quality, TRUE);
    jpeg_start_compress(&e->info, TRUE);
    while (e->info.next_scanline < e->info.image_height) {
        const unsigned char *src = pixels + (size_t)e->info.next_scanline * stride;
        for (int x = 0; x < width; x++) {
            e->row[3 * x] = src[4 * x + 2];
            e->row[3 * x + 1] = src[4 * x + 1];
            e->row[3 * x + 2] = src[4 * x];
        }
        JSAMPROW rows[1] = {e->row};
        jpeg_write_scanlines(&e->info, rows, 1);
    }
    jpeg_finish_compress(&e->info);
    jpeg_destroy_compress(&e->info);
    *output = e->out;
    *length = e->size;
    free(e->row);
    free(e);
    return status_of(CNNVIZ_JPEG_OK, "");
}

void cnnviz_jpeg_free(unsigned char *data) { free(data); }
