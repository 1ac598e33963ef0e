/// A problem in a scene file, located by file, line and key path:
/// `Scenes/orbit.yaml:7: outputs[0].orbit.fps: expected a positive integer, got 'fast'`.
public struct SceneError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The scene file as the user named it.
    public var file: String
    /// 1-based line of the offending key or value, when known.
    public var line: Int?
    /// Dotted key path from the document root, e.g. `outputs[0].orbit.fps`; empty for the whole file.
    public var keyPath: String
    /// What was wrong, in plain words.
    public var message: String

    /// Creates an error for `file` at `line` and `keyPath`.
    public init(file: String, line: Int?, keyPath: String, message: String) {
        self.file = file
        self.line = line
        self.keyPath = keyPath
        self.message = message
    }

    public var description: String {
        var location = file
        if let line { location += ":\(line)" }
        return keyPath.isEmpty ? "\(location): \(message)" : "\(location): \(keyPath): \(message)"
    }
}
