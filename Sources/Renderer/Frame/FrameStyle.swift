import CairoGraphics

/// Everything about how a frame looks that is not the scene or the camera.
public struct FrameStyle: Sendable, Equatable {
    /// Colour map for hidden activations (the input always uses `inputColormap`).
    public var colormap: Colormap.Name = .viridis
    public var inputColormap: Colormap.Name = .grays
    /// Which values share one colour scale.
    public var rangeRule: RangeRule = .perLayer
    public var palette: Palette = .dark
    /// Leave the background transparent (no gradient) for compositing.
    public var transparentBackground = false
    /// Title and subtitle lines drawn top-left; nil hides them.
    public var title: String? = "LeNet reading a hand-drawn digit"
    public var subtitle: [String] = [
        "Every tile is a real activation of the network for one hand-drawn digit.",
        "Data flows left to right; cyan traces the strongest contributions to the answer.",
    ]
    /// The input's true digit when known: the prediction panel then says whether the
    /// answer matches it (`label 4 · predicted 9 ✗`).
    public var label: Int? = nil
    public var showLegend = true
    public var showPrediction = true
    public var showLabels = true
    public var showEdges = true
    public var showFloor = true
    /// Farthest layers are blended this far (0…1) toward the background.
    public var farDimming = 0.18
    /// Antialias the 3D geometry with Cairo's fast mode (false: the default mode).
    public var fastAntialias = true
    /// Overlay sizes are designed for 1080 rows; nil scales them with the frame height.
    public var overlayScale: Double? = nil

    public init() {}
}
