import Renderer

/// A preprocessing illustration sheet.
public struct PreprocessSpec: Sendable, Equatable {
    /// Destination: `.png`, `.pdf` or `.svg`.
    public var file: String = "Output/preprocess.png"
    /// Optional folder receiving each step as its own PNG.
    public var stepsDir: String? = nil
    /// A printable page (`page: a4` or `letter`) instead of the wide 2400×700 sheet.
    public var page: PaperSize? = nil

    /// Creates a spec with defaults for everything.
    public init() {}
}
