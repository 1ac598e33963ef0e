import CairoGraphics

/// The colours of a picture. Every palette is defined here, once: `dark` (frames, videos),
/// `light` (posters) and `sheet` (the preprocessing sheet, which is the dark palette).
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
    /// The well behind a picture inside a panel.
    public var inset: RGBA
    /// Something rejected (dropped specks of ink).
    public var alert: RGBA
    /// Faint lines between the cells of a pixel grid.
    public var gridLine: RGBA

    public init(
        background: RGBA, gradientCenter: RGBA, gradientEdge: RGBA, text: RGBA, muted: RGBA, dim: RGBA,
        border: RGBA, panel: RGBA, accent: RGBA, amber: RGBA, inset: RGBA? = nil,
        alert: RGBA = RGBA(0.97, 0.32, 0.29), gridLine: RGBA = RGBA(0.5, 0.5, 0.5, 0.1)
    ) {
        self.background = background; self.gradientCenter = gradientCenter; self.gradientEdge = gradientEdge
        self.text = text; self.muted = muted; self.dim = dim; self.border = border; self.panel = panel
        self.accent = accent; self.amber = amber
        self.inset = inset ?? background; self.alert = alert; self.gridLine = gridLine
    }

    /// The dark palette of the look (frames, videos and the preprocessing sheet).
    public static let dark = Palette(
        background: hex("#0d1117"), gradientCenter: hex("#16202c"), gradientEdge: hex("#07090d"),
        text: hex("#e6edf3"), muted: hex("#8b949e"), dim: hex("#6e7681"), border: hex("#30363d"),
        panel: hex("#161b22").withAlpha(0.92), accent: hex("#58d5ff"), amber: hex("#ffb454"),
        inset: hex("#0b0f14"), alert: hex("#f85149"), gridLine: RGBA(1, 1, 1, 0.06))

    /// The light palette of the look (posters): paper, white cards, dark text.
    public static let light = Palette(
        background: hex("#f6f5f1"), gradientCenter: hex("#f6f5f1"), gradientEdge: hex("#f6f5f1"),
        text: hex("#1f2328"), muted: hex("#57606a"), dim: hex("#8c959f"), border: hex("#d8dee4"),
        panel: hex("#ffffff"), accent: hex("#0b7fab"), amber: hex("#bf8700"),
        inset: hex("#eaeef2"), alert: hex("#cf222e"), gridLine: RGBA(0, 0, 0, 0.06))

    /// The preprocessing sheet's palette: the dark palette of the frames.
    public static let sheet = dark

    static func hex(_ s: String) -> RGBA { RGBA(hex: s) ?? RGBA(0, 0, 0) }
}
