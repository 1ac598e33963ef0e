import CairoGraphics
import DigitNet
import Geometry
import Renderer
import TestSupport
import Testing

/// The poster body the gallery fills (design units of the 2480×1754 page).
private let body = ScreenRect(x: 130, y: 575, width: 2220, height: 960)

private func inside(_ inner: ScreenRect, _ outer: ScreenRect) -> Bool {
    inner.minX >= outer.minX - 1e-6 && inner.maxX <= outer.maxX + 1e-6 && inner.minY >= outer.minY - 1e-6
        && inner.maxY <= outer.maxY + 1e-6
}

@Test(arguments: [(17, 0), (24, 1), (32, 1), (32, 16), (64, 0), (64, 32), (100, 8), (128, 64)])
func galleryCardsStayInTheBodyApartAndReadable(channels: Int, kernels: Int) throws {
    let g = MapGallery(channels: channels, mapHeight: 24, mapWidth: 24, kernels: kernels, in: body)
    #expect(g.cards.count == channels)
    for (i, card) in g.cards.enumerated() {
        #expect(inside(card.frame, body), "card \(i) leaves the body")
        #expect(inside(card.map, card.frame), "map \(i) leaves its card")
        // The caption sits above the map or in the column beside it.
        #expect(card.captionY < card.map.minY || card.captionX >= card.map.maxX, "caption \(i) runs into its map")
        if kernels > 0 {
            let last = g.kernelOrigin(kernels - 1, in: card)
            let block = ScreenRect(
                x: card.kernelsX, y: card.kernelsY, width: last.x + g.kernelSide - card.kernelsX,
                height: last.y + g.kernelSide - card.kernelsY)
            #expect(inside(block, card.frame), "kernels of map \(i) leave the card")
            #expect(block.minX >= card.map.maxX, "kernels of map \(i) cover the map")
        }
        for other in g.cards[(i + 1)...] { #expect(!card.frame.intersects(other.frame), "cards overlap") }
    }
    // Visible even at 128 maps of 64 kernels each: maps of 30 units and more (1.25 units a
    // cell), kernels of 6 (2 units a weight), captions of 16.
    #expect(g.cards[0].map.width >= 30, "maps are \(g.cards[0].map.width) wide")
    #expect(g.captionSize >= 16)
    if kernels > 0 { #expect(g.kernelSide >= 6, "kernels are \(g.kernelSide) wide") }
}

@Test func sixtyFourFiltersOfThirtyTwoChannelsKeepLegibleKernels() {
    // PyTorch's MNIST example, conv2: 64 maps of 24×24, each filter 32 kernels of 3×3.
    let g = MapGallery(channels: 64, mapHeight: 24, mapWidth: 24, kernels: 32, in: body)
    // Each of the 9 weights of a kernel at least 5 design units (3 px on a 1920×1080 page).
    #expect(g.kernelSide / 3 >= 5, "kernels are \(g.kernelSide) wide")
    #expect(g.cards[0].map.width >= 80, "maps are \(g.cards[0].map.width) wide")
}

@Test(arguments: ["pytorch", "twelve", "wide"])
func postersPaintEveryStageOfOtherNetworks(_ key: String) throws {
    let architectures = [
        "pytorch": TestArchitectures.pytorchExample, "twelve": TestArchitectures.twelveStages,
        "wide": TestArchitectures.dense(units: 3000),
    ]
    let network = try Network(try #require(architectures[key]), weights: .initial(seed: 2))
    let trace = network.forward(SyntheticDigit.seven())
    let painter = PosterPainter(content: PosterContent(network: network, trace: trace, inputLabel: "a 7"), width: 620, height: 439)
    for stage in network.stages {
        let surface = try ImageSurface(width: 620, height: 439)
        try painter.paint(layer: stage.name.rawValue, into: try Context(surface))
        let bytes = surface.bgraBytes()
        #expect(Set(stride(from: 0, to: bytes.count, by: 4 * 97).map { bytes[$0] }).count > 8, "\(key) \(stage.name)")
    }
}

@Test func footerTrailShortensDeepPipelinesAroundTheCurrentStage() {
    let seven = (1...7).map { "s\($0)" }
    #expect(PosterPainter.footerTrail(seven, current: 3) == (seven, 3))
    let twelve = (1...12).map { "s\($0)" }
    let middle = PosterPainter.footerTrail(twelve, current: 6)
    #expect(middle.names == ["…", "s5", "s6", "s7", "s8", "s9", "…"] && middle.names[middle.current] == "s7")
    let first = PosterPainter.footerTrail(twelve, current: 0)
    #expect(first.names == ["s1", "s2", "s3", "s4", "s5", "…"] && first.current == 0)
    let last = PosterPainter.footerTrail(twelve, current: 11)
    #expect(last.names == ["…", "s8", "s9", "s10", "s11", "s12"] && last.names[last.current] == "s12")
}
