import CJPEGDecode

/// Writes canvases as baseline colour JPEGs through libjpeg-turbo (alpha dropped), the way a
/// phone stores a photo: for the simulated photo set and the JPEG decode benchmark.
public enum JPEGEncoder {
    /// The JPEG bytes of `canvas` at `quality` (1–100). Throws `malformedJPEG` naming
    /// `source` with libjpeg's reason when libjpeg refuses.
    public static func encode(_ canvas: Canvas, quality: Int = 90, source: String = "canvas") throws(PreprocessingError) -> [UInt8] {
        var output: UnsafeMutablePointer<UInt8>?
        var length: UInt = 0
        let status = canvas.bgra.withUnsafeBufferPointer { p in
            cnnviz_jpeg_encode(
                p.baseAddress, Int32(clamping: canvas.width), Int32(clamping: canvas.height), canvas.width * 4,
                Int32(clamping: quality), &output, &length)
        }
        defer { cnnviz_jpeg_free(output) }
        guard status.status == CNNVIZ_JPEG_OK, let output else {
            let message = withUnsafeBytes(of: status.message) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            throw .malformedJPEG(file: source, reason: message.isEmpty ? "libjpeg could not encode" : message)
        }
        return Array(UnsafeBufferPointer(start: output, count: Int(length)))
    }
}
