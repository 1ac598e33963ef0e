import Support

/// Where each key of a decoded scene was written, kept on the description (as pbrt-v4 keeps a
/// `FileLoc` on every parsed entity) so that problems found after decoding (an input that
/// cannot be read, a layer the network does not have, an output path that is refused) still
/// name the file and line.
///
/// Locations never take part in equality: two scenes with the same content are equal
/// wherever they were written.
public struct SceneLocations: Sendable, Equatable, CustomStringConvertible {
    /// The scene file as the user named it (empty for a description built in code).
    public var file: String
    /// 1-based line of each key path (`outputs[1].poster.layer`) seen while decoding.
    public var lines: [String: Int]

    /// Locations in `file`; `lines` maps key paths to 1-based lines.
    public init(file: String = "", lines: [String: Int] = [:]) {
        self.file = file
        self.lines = lines
    }

    /// The location of `keyPath`, or of its nearest recorded parent (`outputs[1].poster.size`
    /// falls back to `outputs[1].poster`, then `outputs[1]`, `outputs`, the document).
    public func location(of keyPath: String) -> FileLocation {
        var path = Substring(keyPath)
        while true {
            if let line = lines[String(path)] { return FileLocation(file: file, line: line) }
            guard let cut = path.lastIndex(where: { $0 == "." || $0 == "[" }) else { break }
            path = path[..<cut]
        }
        return FileLocation(file: file, line: lines[""])
    }

    /// An error located at `keyPath`.
    public func error(at keyPath: String, _ message: String) -> SceneFileError {
        SceneFileError(location: location(of: keyPath), keyPath: keyPath, message: message)
    }

    public static func == (lhs: SceneLocations, rhs: SceneLocations) -> Bool { true }

    public var description: String { file }
}

/// Collects the line of every key path while one document is decoded. One per document,
/// never shared between threads.
final class SceneLocationRecorder {
    private(set) var lines: [String: Int] = [:]

    /// Records `line` for `keyPath` (the first record wins).
    func record(_ keyPath: String, line: Int?) {
        guard let line, lines[keyPath] == nil else { return }
        lines[keyPath] = line
    }
}
