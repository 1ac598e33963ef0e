import Support

/// A problem in a scene file, located by file, line and key path:
/// `Scenes/orbit.yaml:7: outputs[0].orbit.fps: expected a positive integer, got 'fast'`.
///
/// Thrown while decoding and also after it (an input that cannot be read, a layer the network
/// does not have, an output that cannot be written): the decoded description keeps its
/// locations (``SceneLocations``), so both kinds name the line.
public struct SceneFileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The scene file as the user named it, and the line when known.
    public var location: FileLocation
    /// Dotted key path from the document root, e.g. `outputs[0].orbit.fps`; empty for the whole file.
    public var keyPath: String
    /// What was wrong, in plain words.
    public var message: String

    /// Creates an error at `location` and `keyPath`.
    public init(location: FileLocation, keyPath: String, message: String) {
        self.location = location
        self.keyPath = keyPath
        self.message = message
    }

    /// Creates an error for `file` at `line` and `keyPath`.
    public init(file: String, line: Int?, keyPath: String, message: String) {
        self.init(location: FileLocation(file: file, line: line), keyPath: keyPath, message: message)
    }

    /// The scene file as the user named it.
    public var file: String { location.file }
    /// 1-based line of the offending key or value, when known.
    public var line: Int? { location.line }

    public var description: String {
        keyPath.isEmpty ? "\(location): \(message)" : "\(location): \(keyPath): \(message)"
    }
}
