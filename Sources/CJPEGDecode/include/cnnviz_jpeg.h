#ifndef CNNVIZ_JPEG_H
#define CNNVIZ_JPEG_H

#include <stddef.h>

/// A JPEG file being decoded: opened (header read and checked), then read into a buffer.
typedef struct cnnviz_jpeg_reader cnnviz_jpeg_reader;

/// The outcome of a step.
typedef struct {
    /// 0 on success; otherwise one of the CNNVIZ_JPEG_* codes and `message` says why.
    int status;
    int width;
    int height;
    /// libjpeg's own message (or the system's, for I/O), NUL-terminated.
    char message[256];
} cnnviz_jpeg_status;

enum {
    CNNVIZ_JPEG_OK = 0,
    CNNVIZ_JPEG_CANNOT_OPEN = 1,
    CNNVIZ_JPEG_NOT_JPEG = 2,
    CNNVIZ_JPEG_TOO_LARGE = 3,
    CNNVIZ_JPEG_DAMAGED = 4,
    CNNVIZ_JPEG_NO_MEMORY = 5,
    CNNVIZ_JPEG_TRUNCATED = 6,
};

/// Opens the JPEG at `path` and reads its header (keeping the APP1 segments for EXIF),
/// refusing images wider or taller than `max_side` or with more than `max_pixels` pixels
/// before any pixel buffer exists. On success `*reader` must later be passed to
/// cnnviz_jpeg_close; on failure it is NULL. libjpeg's errors are caught here (its longjmp
/// lands in C, never in Swift).
cnnviz_jpeg_status cnnviz_jpeg_open(const char *path, long long max_pixels, int max_side, cnnviz_jpeg_reader **reader);

/// The data of the first APP1 segment that starts with "Exif\0\0" (the six bytes included),
/// or NULL when there is none; `*length` gets its size. Valid only until cnnviz_jpeg_read
/// (libjpeg frees saved markers when the decode finishes).
const unsigned char *cnnviz_jpeg_exif(const cnnviz_jpeg_reader *reader, size_t *length);

/// Decodes the pixels into `pixels` (rows of `stride` bytes, at least width*4 each) as
/// opaque B G R A: grey expanded, YCbCr converted by libjpeg, CMYK/YCCK (Adobe-inverted or
/// not) converted to RGB. A file that ends before its image data does is an error.
cnnviz_jpeg_status cnnviz_jpeg_read(cnnviz_jpeg_reader *reader, unsigned char *pixels, size_t stride);

/// Closes the file and frees the reader (NULL is allowed).
void cnnviz_jpeg_close(cnnviz_jpeg_reader *reader);

/// Encodes opaque B G R A pixels (rows of `stride` bytes) as a baseline colour JPEG of
/// `quality` (1-100) into a buffer libjpeg allocates: `*output` (free it with
/// cnnviz_jpeg_free) holding `*length` bytes. For simulated phone photos and benchmarks.
cnnviz_jpeg_status cnnviz_jpeg_encode(
    const unsigned char *pixels, int width, int height, size_t stride, int quality,
    unsigned char **output, unsigned long *length);

/// Frees a buffer from cnnviz_jpeg_encode.
void cnnviz_jpeg_free(unsigned char *data);

#endif
