/// Why a strokes file (JSON or SVG) could not be read; every case names the file.
public enum StrokesError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file could not be opened or read, or is larger than the limit.
    case unreadable(file: String, reason: String)
    /// The bytes are not JSON or not SVG (the parser's reason and, when known, the line).
    case malformed(file: String, line: Int?, reason: String)
    /// A key or value breaks the schema (`where` is the key path, e.g. `strokes[2][5]`).
    case invalid(file: String, where: String, reason: String)
    /// The file holds more than a limit allows.
    case tooLarge(file: String, reason: String)

    /// The file the error is about.
    public var file: String {
        switch self {
        case let .unreadable(f, _), let .malformed(f, _, _), let .invalid(f, _, _), let .tooLarge(f, _): return f
        }
    }

    public var description: String {
        switch self {
        case let .unreadable(f, reason): return "\(f): cannot read strokes (\(reason))"
        case let .malformed(f, line?, reason): return "\(f):\(line): \(reason)"
        case let .malformed(f, nil, reason): return "\(f): \(reason)"
        case let .invalid(f, path, reason): return path.isEmpty ? "\(f): \(reason)" : "\(f): \(path): \(reason)"
        case let .tooLarge(f, reason): return "\(f): \(reason)"
        }
    }
}
