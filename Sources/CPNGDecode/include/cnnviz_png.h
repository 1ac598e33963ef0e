#ifndef CNNVIZ_PNG_H
#define CNNVIZ_PNG_H

#include <stddef.h>

/// The outcome of decoding one PNG file.
typedef struct {
    /// 0 on success; otherwise one of the CNNVIZ_PNG_* codes and `message` says why.
    int status;
    int width;
    int height;
    /// 1 when the file carries alpha (an alpha channel or a tRNS chunk).
    int has_alpha;
    /// width*height*4 bytes, premultiplied B G R A (Cairo's ARGB32 on little-endian), or NULL.
    /// Free with cnnviz_png_free.
    unsigned char *pixels;
    /// libpng's own message (or the system's, for I/O), NUL-terminated.
    char message[256];
} cnnviz_png_result;

enum {
    CNNVIZ_PNG_OK = 0,
    CNNVIZ_PNG_CANNOT_OPEN = 1,
    CNNVIZ_PNG_NOT_PNG = 2,
    CNNVIZ_PNG_TOO_LARGE = 3,
    CNNVIZ_PNG_DAMAGED = 4,
    CNNVIZ_PNG_NO_MEMORY = 5,
};

/// Decodes the PNG at `path` with the same transformations Cairo's PNG reader applies
/// (palette and low-bit grey expanded, tRNS to alpha, 16-bit stripped, grey to RGB, alpha
/// premultiplied), refusing images wider or taller than `max_side` or with more than
/// `max_pixels` pixels before any pixel buffer is allocated. libpng's errors are caught (its
/// longjmp lands here, never in Swift) and their text kept in `message`.
cnnviz_png_result cnnviz_png_decode(const char *path, long long max_pixels, int max_side);

/// Frees the pixels of a result.
void cnnviz_png_free(cnnviz_png_result *result);

#endif
