/// A preprocessing illustration sheet.
public struct PreprocessSpec: Sendable, Equatable {
    /// Destination: `.png`, `.pdf` or `.svg`.
    public var file: String = "Output/preprocess.png"
    /// Optional folder receiving each step as its own PNG.
    public var stepsDir: String? = nil

    /// Creates a spec with defaults for everything.
    public init() {}
}
