/// A per-layer poster.
public struct PosterSpec: Sendable, Equatable {
    /// Destination: `.png`, `.pdf` or `.svg`.
    public var file: String = "Output/posters.pdf"
    /// A layer name (`conv1`, `pool1`, …) or `all`.
    public var layer: String = "all"
    /// Optional raster size; nil lets the poster pick its own.
    public var size: FrameSize? = nil

    /// Creates a spec with defaults for everything.
    public init() {}
}
