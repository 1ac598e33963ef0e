/// Why a drawn canvas could not be turned into a network input; every case names the file.
public enum PreprocessingError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file could not be opened or read.
    case unreadableFile(file: String, reason: String)
    /// The bytes do not start with the PNG signature.
    case notPNG(file: String)
    /// The PNG ends before its data does.
    case truncatedPNG(file: String)
    /// The PNG is damaged in some other way (bad header, corrupt data).
    case malformedPNG(file: String, reason: String)
    /// The JPEG ends before its image data does.
    case truncatedJPEG(file: String)
    /// The JPEG is damaged (libjpeg's reason).
    case malformedJPEG(file: String, reason: String)
    /// A format cnnviz recognises but does not decode (HEIC); `advice` says how to convert it.
    case unsupportedFormat(file: String, format: String, advice: String)
    /// The PNG's header promises more pixels than cnnviz decodes.
    case imageTooLarge(file: String, width: Int, height: Int, pixelLimit: Int, sideLimit: Int)
    /// No ink survived: a blank or nearly blank canvas.
    case noDigit(file: String)
    /// The page holds several digits side by side (their boxes, in image pixels).
    case severalDigits(file: String, boxes: [PixelRect])
    /// The crop asked for reaches outside the `width`×`height` image.
    case cropOutside(file: String, crop: PixelRect, width: Int, height: Int)

    /// The file the error is about.
    public var file: String {
        switch self {
        case let .unreadableFile(f, _), let .notPNG(f), let .truncatedPNG(f), let .malformedPNG(f, _),
            let .imageTooLarge(f, _, _, _, _), let .noDigit(f), let .truncatedJPEG(f), let .malformedJPEG(f, _),
            let .unsupportedFormat(f, _, _), let .severalDigits(f, _), let .cropOutside(f, _, _, _):
            return f
        }
    }

    public var description: String {
        switch self {
        case let .unreadableFile(f, reason): return "\(f): cannot read (\(reason))"
        case let .notPNG(f): return "\(f): not a PNG or JPEG file (neither signature is present)"
        case let .truncatedPNG(f): return "\(f): truncated PNG (the file ends before the image data does)"
        case let .malformedPNG(f, reason): return "\(f): damaged PNG (\(reason))"
        case let .truncatedJPEG(f): return "\(f): truncated JPEG (the file ends before the image data does)"
        case let .malformedJPEG(f, reason): return "\(f): damaged JPEG (\(reason))"
        case let .unsupportedFormat(f, format, advice): return "\(f): \(format) images are not supported; \(advice)"
        case let .imageTooLarge(f, w, h, limit, side):
            return "\(f): image is \(w)×\(h) pixels, above the limit of \(limit) pixels (and \(side) per side)"
        case let .noDigit(f): return "no digit found in \(f)"
        case let .severalDigits(f, boxes):
            let list = boxes.map { "\($0.x),\($0.y),\($0.width),\($0.height)" }.joined(separator: "  ")
            return "\(f): \(boxes.count) digits found side by side; pick one with --crop X,Y,W,H (they are at \(list))"
        case let .cropOutside(f, r, w, h):
            return "\(f): crop \(r.x),\(r.y),\(r.width),\(r.height) does not lie inside the \(w)×\(h) image"
        }
    }
}
