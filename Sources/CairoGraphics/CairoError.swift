import CCairo

/// A failure reported by Cairo, mirroring `cairo_status_t`, or a wrapper-level problem.
public enum CairoError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Cairo returned a non-success status; `message` is Cairo's own text for it.
    case status(code: Int, message: String)
    /// A PNG file could not be read or decoded.
    case unreadablePNG(path: String, reason: String)
    /// An image is larger than the caller allowed.
    case imageTooLarge(width: Int, height: Int, limit: Int)
    /// A surface was asked for with a size Cairo cannot make.
    case invalidSize(width: Int, height: Int)
    /// Writing an output file failed.
    case writeFailed(path: String, reason: String)

    public var description: String {
        switch self {
        case let .status(code, message): return "cairo error \(code): \(message)"
        case let .unreadablePNG(path, reason): return "\(path): not a readable PNG (\(reason))"
        case let .imageTooLarge(w, h, limit): return "image is \(w)×\(h) pixels, above the limit of \(limit) pixels"
        case let .invalidSize(w, h): return "invalid surface size \(w)×\(h)"
        case let .writeFailed(path, reason): return "\(path): could not write (\(reason))"
        }
    }

    /// Converts a Cairo status into a thrown error when it is not success.
    static func check(_ status: cairo_status_t) throws {
        guard status != CAIRO_STATUS_SUCCESS else { return }
        throw CairoError.status(code: Int(status.rawValue), message: String(cString: cairo_status_to_string(status)))
    }
}
