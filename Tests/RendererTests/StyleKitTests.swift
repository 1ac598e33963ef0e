import CairoGraphics
import Renderer
import Testing

@Test(arguments: [
    (1.0, ">99.99 %"), (0.99996, ">99.99 %"), (0.99994, "99.99 %"), (0.5, "50.00 %"), (0.123456, "12.35 %"),
    (0.00006, "0.01 %"), (0.00004, "<0.01 %"), (0.0, "<0.01 %"),
])
func percentFollowsOneRule(probability: Double, text: String) {
    #expect(NumberFormat.percent(probability) == text)
}

@Test func percentNeverClaimsCertainty() {
    // Every Float probability from 0.9999 up to 1 and from 0 to 0.0001.
    var p: Float = 0.9999
    while p <= 1 {
        #expect(NumberFormat.percent(Double(p)) != "100.00 %")
        p = p.nextUp
    }
    var q: Float = 0
    while q < 0.0001 {
        #expect(NumberFormat.percent(Double(q)) != "0.00 %")
        q = q == 0 ? 1e-9 : q * 1.01
    }
}

@Test func decimalsAndSigns() {
    #expect(NumberFormat.decimal(2.5) == "2.50")
    #expect(NumberFormat.decimal(1234.567) == "1234.57")
    #expect(NumberFormat.decimal(-0.004) == "0.00")
    #expect(NumberFormat.decimal(-1.005) == "-1.00" || NumberFormat.decimal(-1.005) == "-1.01")
    #expect(NumberFormat.signed(0.42) == "+0.42")
    #expect(NumberFormat.signed(-1.3) == "−1.30")
    #expect(NumberFormat.signed(-0.001) == "+0.00")
}

@Test func rasterPremultipliesAndClamps() {
    let bytes = Raster.bgra(width: 2, height: 2) { x, y in
        switch (x, y) {
        case (0, 0): return RGBA(1, 0.5, 0)  // opaque orange
        case (1, 0): return RGBA(1, 1, 1, 0.5)  // half-transparent white
        case (0, 1): return RGBA(2, -1, .nan)  // out of range: clamped, NaN as 0
        default: return Raster.gray(0.25)
        }
    }
    #expect(Array(bytes[0..<4]) == [0, 128, 255, 255])  // B, G, R, A
    #expect(Array(bytes[4..<8]) == [128, 128, 128, 128])
    #expect(Array(bytes[8..<12]) == [0, 0, 255, 255])
    #expect(Array(bytes[12..<16]) == [64, 64, 64, 255])
}

@Test func rasterImageIsOnePixelPerValue() throws {
    let image = try Raster.image([0, 1, 0.5], width: 2, height: 2, color: Raster.gray)
    let bytes = image.bgraBytes()
    #expect(image.width == 2 && image.height == 2)
    #expect(bytes[0] == 0 && bytes[4] == 255 && bytes[8] == 128)
    #expect(bytes[12] == 255)  // missing value: white
}

@Test func paletteSheetIsTheDarkPalette() {
    #expect(Palette.sheet == Palette.dark)
    #expect(Palette.dark.background == RGBA(hex: "#0d1117"))
    #expect(Palette.light.background == RGBA(hex: "#f6f5f1"))
}
