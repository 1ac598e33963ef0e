import Renderer

/// Colour choices shared by every output of a scene.
public struct SceneStyle: Sendable, Equatable {
    /// Sequential colour map for activations (one of `sequentialColormaps`).
    public var colormap: Colormap.Name = .viridis
    /// Background colour as `#rrggbb`.
    public var background: String = "#0d1117"
    /// Strongest contributions drawn per node (top-k edges); 0 hides edges.
    public var edges: Int = 8

    /// The colour maps a scene may name: the sequential ones (activations are non-negative).
    public static let sequentialColormaps: [Colormap.Name] = [.viridis, .magma, .grays]

    /// Creates a style with defaults for everything.
    public init() {}
}
