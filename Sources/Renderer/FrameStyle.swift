import CairoGraphics

/// The colours of a picture.
public struct Palette: Sendable, Equatable {
    public var background: RGBA
    /// Radial background gradient: centre and edge colours.
    public var gradientCenter: RGBA
    public var gradientEdge: RGBA
    public var text: RGBA
    public var muted: RGBA
    public var dim: RGBA
    public var border: RGBA
    /// Overlay panels (already including their opacity).
    public var panel: RGBA
    /// Data flow, contributions and the winner.
    public var accent: RGBA
    /// Geometry annotations.
    public var amber: RGBA

    public init(background: RGBA, gradientCenter: RGBA, gradientEdge: RGBA, text: RGBA, muted: RGBA, dim: RGBA,
                border: RGBA, panel: RGBA, accent: RGBA, amber: RGBA) {
        self.background = background; self.gradientCenter = gradientCenter; self.gradientEdge = gradientEdge
        self.text = text; self.muted = muted; self.dim = dim; self.border = border; self.panel = panel
        self.accent = accent; self.amber = amber
    }

    /// The dark palette of the look (frames and videos).
    public static let dark = Palette(
        background: hex("#0d1117"), gradientCenter: hex("#16202c"), gradientEdge: hex("#07090d"),
        text: hex("#e6edf3"), muted: hex("#8b949e"), dim: hex("#6e7681"), border: hex("#30363d"),
        panel: hex("#161b22").withAlpha(0.92), accent: hex("#58d5ff"), amber: hex("#ffb454"))

    /// The light palette of the look (posters): paper, white cards, dark text.
    public static let light = Palette(
        background: hex("#f6f5f1"), gradientCenter: hex("#f6f5f1"), gradientEdge: hex("#f6f5f1"),
        text: hex("#1f2328"), muted: hex("#57606a"), dim: hex("#8c959f"), border: hex("#d8dee4"),
        panel: hex("#ffffff"), accent: hex("#0b7fab"), amber: hex("#bf8700"))

    static func hex(_ s: String) -> RGBA { RGBA(hex: s) ?? RGBA(0, 0, 0) }
}

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

