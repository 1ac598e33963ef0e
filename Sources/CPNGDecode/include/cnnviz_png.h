#ifndef CNNVIZ_PNG_H
#define CNNVIZ_PNG_H

#include <stddef.h>

/// A PNG file being decoded: opened (header read and checked), then read into a buffer.
typedef struct cnnviz_png_reader cnnviz_png_reader;

/// The outcome of a step.
typedef struct {
    /// 0 on success; otherwise one of the CNNVIZ_PNG_* codes and `message` says why.
    int status;
    int width;
    int height;
    /// libpng's own message (or the system's, for I/O), NUL-terminated.
    char message[256];
} cnnviz_png_status;

enum {
    CNNVIZ_PNG_OK = 0,
    CNNVIZ_PNG_CANNOT_OPEN = 1,
    CNNVIZ_PNG_NOT_PNG = 2,
    CNNVIZ_PNG_TOO_LARGE = 3,
    CNNVIZ_PNG_DAMAGED = 4,
    CNNVIZ_PNG_NO_MEMORY = 5,
};

/// Opens the PNG at `path` and reads its header, refusing images wider or taller than
/// `max_side` or with more than `max_pixels` pixels before any pixel buffer exists. On
/// success `*reader` must later be passed to cnnviz_png_close; on failure it is NULL.
/// libpng's errors are caught here (its longjmp lands in C, never in Swift).
cnnviz_png_status cnnviz_png_open(const char *path, long long max_pixels, int max_side, cnnviz_png_reader **reader);

/// Decodes the pixels into `pixels` (rows of `stride` bytes, at least width*4 each) as
/// premultiplied B G R A (Cairo's ARGB32 on little-endian), with the conversions Cairo's own
/// PNG reader applies: palette and low-bit grey expanded, tRNS to alpha, 16-bit stripped,
/// grey to RGB, alpha premultiplied with Cairo's rounding.
cnnviz_png_status cnnviz_png_read(cnnviz_png_reader *reader, unsigned char *pixels, size_t stride);

/// Closes the file and frees the reader (NULL is allowed).
void cnnviz_png_close(cnnviz_png_reader *reader);

#endif
