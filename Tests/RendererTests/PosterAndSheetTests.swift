import CairoGraphics
import DigitNet
import Preprocessing
import Renderer
import Testing

private func pixel(_ image: ImageSurface, _ x: Int, _ y: Int) -> RGBA {
    let bytes = image.bgraBytes()
    let i = (y * image.width + x) * 4
    return RGBA(Double(bytes[i + 2]) / 255, Double(bytes[i + 1]) / 255, Double(bytes[i]) / 255, Double(bytes[i + 3]) / 255)
}

private func close(_ a: RGBA, _ b: RGBA) -> Bool {
    abs(a.r - b.r) < 0.02 && abs(a.g - b.g) < 0.02 && abs(a.b - b.b) < 0.02
}

@Test func posterPaintsEveryLayerOnTheLightPalette() throws {
    let (network, trace) = FixedScene.trace()
    let painter = PosterPainter(
        content: PosterContent(network: network, trace: trace, inputLabel: "a synthetic 7"),
        width: 620, height: 439)
    for stage in network.stages {
        let surface = try ImageSurface(width: 620, height: 439)
        try painter.paint(layer: stage.name.rawValue, into: try Context(surface))
        #expect(close(pixel(surface, 2, 2), Palette.light.background), "\(stage.name): page corner")
        // Something was drawn in the body (cards are white, maps coloured).
        let body = surface.bgraBytes()
        #expect(Set(stride(from: 0, to: body.count, by: 4 * 97).map { body[$0] }).count > 8, "\(stage.name): body")
    }
}

@Test func sheetDrawsOnTheSheetPaletteAndStepsAlone() throws {
    let (network, trace) = FixedScene.trace()
    let image = FixedScene.image
    let canvas = Canvas(
        width: 28, height: 28,
        bgra: Raster.bgra(width: 28, height: 28) { x, y in
            Raster.gray(image.data[y * 28 + x])
        })
    let stages = try Preprocessor.run(canvas: canvas, source: "synthetic 7")
    let content = SheetContent(
        source: "synthetic 7", trueDigit: 7, stages: stages, networkInput: image.data,
        digit: trace.prediction, probabilities: trace.probabilities,
        runnerUp: trace.top2.count == 2 ? trace.top2[1].digit : nil, normalization: network.normalization)
    let painter = SheetPainter(content: content)
    let sheet = try ImageSurface(width: 1200, height: 350)
    let c = try Context(sheet)
    c.scale(0.5, 0.5)
    try painter.draw(c)
    let corner = pixel(sheet, 0, 0)
    // Toward the dark gradient's edge: between `gradientCenter` (#16202c) and `gradientEdge` (#07090d).
    let (centre, edge) = (Palette.sheet.gradientCenter, Palette.sheet.gradientEdge)
    #expect(corner.b <= centre.b + 0.01 && corner.b >= edge.b - 0.01 && corner.r <= centre.r + 0.01)
    for panel in SheetPanel.allCases {
        let (w, h) = SheetPainter.stepSize(panel)
        #expect(w > 2 * SheetPainter.stepMargin && h > 2 * SheetPainter.stepMargin)
        let step = try ImageSurface(width: Int(w.rounded(.up)), height: Int(h.rounded(.up)))
        try painter.drawStep(panel, try Context(step))
        #expect(step.bgraBytes().contains { $0 > 200 }, "\(panel.title): nothing bright drawn")
    }
}
