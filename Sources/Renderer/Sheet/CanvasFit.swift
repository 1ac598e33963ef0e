/// Where a canvas-sized picture goes inside a square panel: scaled to fit, centred.
struct CanvasFit {
    var x: Double, y: Double, scale: Double, width: Double, height: Double

    init(canvasWidth: Int, canvasHeight: Int, panelX: Double, panelY: Double, side: Double) {
        scale = side / Double(max(canvasWidth, canvasHeight))
        width = Double(canvasWidth) * scale
        height = Double(canvasHeight) * scale
        x = panelX + (side - width) / 2
        y = panelY + (side - height) / 2
    }
}
