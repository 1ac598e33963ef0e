import Support

/// A problem with a model file, located by file, line and key path:
/// `model.yaml:7: layers[2].conv2d.filters: expected a positive integer, got 'many'`.
///
/// Thrown while decoding and also when the network is built from the decoded file (a layer
/// the engine does not run yet, sizes that do not fit together, a missing weights file), so
/// both kinds name the line of the key involved.
public struct ModelFileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The model file as the user named it, and the line when known.
    public var location: FileLocation
    /// Dotted key path from the document root (`layers[3].linear.units`); empty for the whole file.
    public var keyPath: String
    /// What was wrong, in plain words.
    public var message: String

    /// Creates an error at `location` and `keyPath`.
    public init(location: FileLocation, keyPath: String, message: String) {
        self.location = location
        self.keyPath = keyPath
        self.message = message
    }

    /// The same problem found by the shared YAML walker (which reports scene-file errors).
    init(_ error: SceneFileError) {
        self.init(location: error.location, keyPath: error.keyPath, message: error.message)
    }

    /// The model file as the user named it.
    public var file: String { location.file }
    /// 1-based line of the offending key or value, when known.
    public var line: Int? { location.line }

    public var description: String {
        keyPath.isEmpty ? "\(location): \(message)" : "\(location): \(keyPath): \(message)"
    }
}
