import CJPEGDecode
import Support

/// Reads JPEG files (baseline and progressive; grey, YCbCr, RGB, CMYK and Adobe-inverted
/// CMYK) into canvases through libjpeg-turbo, checking the size from the header before any
/// pixel buffer exists, and turning the image upright by its EXIF orientation.
public enum JPEGDecoder {
    /// The three bytes every JPEG starts with (start-of-image, then the next marker's FF).
    public static let signature: [UInt8] = [0xFF, 0xD8, 0xFF]

    /// Decodes the JPEG at `path` and applies its EXIF orientation. Damaged, truncated and
    /// oversized files become `PreprocessingError`s naming the file once and giving libjpeg's
    /// own reason.
    public static func decode(file path: String, limits: DecodeLimits = DecodeLimits()) throws(PreprocessingError) -> Canvas {
        var reader: OpaquePointer?
        let opened = cnnviz_jpeg_open(path, Int64(limits.maxPixels), Int32(clamping: limits.maxSide), &reader)
        defer { cnnviz_jpeg_close(reader) }
        try check(opened, file: path, limits: limits)
        guard let reader else { throw .malformedJPEG(file: path, reason: "libjpeg failed") }
        let width = Int(opened.width), height = Int(opened.height)
        guard let count = Checked.product(width, height, 4) else {
            throw .imageTooLarge(file: path, width: width, height: height, pixelLimit: limits.maxPixels, sideLimit: limits.maxSide)
        }
        // Saved markers live in libjpeg's image pool, which finishing the decode frees.
        let orientation = exif(reader).flatMap(EXIFOrientation.parse(exif:)) ?? .up
        var pixels = [UInt8](repeating: 0, count: count)
        let read = pixels.withUnsafeMutableBufferPointer { p in
            cnnviz_jpeg_read(reader, p.baseAddress, width * 4)
        }
        try check(read, file: path, limits: limits)
        let canvas = Canvas(width: width, height: height, bgra: pixels)
        return orientation.apply(to: canvas)
    }

    /// The bytes of the reader's first `Exif` APP1 segment, if any.
    static func exif(_ reader: OpaquePointer) -> [UInt8]? {
        var length = 0
        guard let data = cnnviz_jpeg_exif(reader, &length), length > 0 else { return nil }
        return Array(UnsafeBufferPointer(start: data, count: length))
    }

    /// Turns a decoder status into the matching `PreprocessingError`, keeping libjpeg's message.
    static func check(_ status: cnnviz_jpeg_status, file path: String, limits: DecodeLimits) throws(PreprocessingError) {
        let message = withUnsafeBytes(of: status.message) { raw in
            String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
        }
        let reason = message.isEmpty ? "libjpeg failed" : message
        switch Int(status.status) {
        case Int(CNNVIZ_JPEG_OK): return
        case Int(CNNVIZ_JPEG_CANNOT_OPEN): throw .unreadableFile(file: path, reason: reason)
        case Int(CNNVIZ_JPEG_TOO_LARGE):
            throw .imageTooLarge(
                file: path, width: Int(status.width), height: Int(status.height),
                pixelLimit: limits.maxPixels, sideLimit: limits.maxSide)
        case Int(CNNVIZ_JPEG_TRUNCATED): throw .truncatedJPEG(file: path)
        default: throw .malformedJPEG(file: path, reason: reason)
        }
    }
}
