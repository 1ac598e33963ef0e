import DigitNet
import Renderer
import Testing

@Test func portraitFramesScaleOverlaysByTheirWidthSoPanelsDoNotCollide() throws {
    let layout = FrameLayout(width: 720, height: 1280, style: FrameStyle())
    #expect(abs(layout.scale - 720.0 / 1080) < 1e-12)
    let legend = try #require(layout.legend), panel = try #require(layout.prediction)
    #expect(!legend.intersects(panel) && panel.minX >= 0 && legend.maxX <= 720)
}

@Test func layoutAt1080RowsNamesTheLookRectangles() throws {
    let layout = FrameLayout(width: 1920, height: 1080, style: FrameStyle())
    #expect(layout.scale == 1)
    let legend = try #require(layout.legend), panel = try #require(layout.prediction), title = try #require(layout.title)
    #expect(panel == ScreenRect(x: 1920 - 64 - 440, y: 1080 - 56 - 300, width: 440, height: 300))
    #expect(legend.x == 64 && legend.maxY == 1080 - 60)
    #expect(title.x == 64 && title.y == 48)
    #expect(layout.free == ScreenRect(x: 60, y: 170, width: 1920 - 60 - 72, height: 1080 - 170 - 190))
    // The free area sits under the title and above the legend; the taller prediction panel
    // reaches into its bottom-right corner (framing keeps the network out of `keepOut` too).
    #expect(!layout.free.intersects(title) && !layout.free.intersects(legend) && layout.free.intersects(panel))
    #expect(layout.keepOut == [legend.outset(by: 8), panel.outset(by: 8)])
}

@Test func aMeasuredTitleIsKeptOutOfInsteadOfAbove() throws {
    let layout = FrameLayout(width: 1920, height: 1080, style: FrameStyle(), titleWidth: 600)
    let title = try #require(layout.title)
    #expect(title.width == 616 && layout.free.y == 60)
    #expect(layout.keepOut.contains(title.outset(by: 8)))
    // The renderer measures its title: the free area starts at the top margin.
    let renderer = try FixedScene.renderer()
    let measured = renderer.layout(width: 1920, height: 1080)
    #expect(measured.free.y == 60 && (measured.title?.width ?? 0) < 1920 - 136 && (measured.title?.width ?? 0) > 300)
}

@Test func hiddenOverlaysLeaveNoRectangles() {
    var style = FrameStyle()
    style.title = nil
    style.showLegend = false
    style.showPrediction = false
    let layout = FrameLayout(width: 1280, height: 720, style: style)
    #expect(layout.title == nil && layout.legend == nil && layout.prediction == nil && layout.keepOut.isEmpty)
    #expect(layout.free.y == 60 * 720 / 1080)
}

@Test func layoutScalesWithTheFrameHeight() throws {
    let small = FrameLayout(width: 1280, height: 720, style: FrameStyle())
    let large = FrameLayout(width: 1920, height: 1080, style: FrameStyle())
    let a = try #require(small.prediction), b = try #require(large.prediction)
    #expect(abs(a.width / b.width - 720.0 / 1080) < 1e-12)
    #expect(abs((1280 - a.maxX) / (1920 - b.maxX) - 720.0 / 1080) < 1e-12)
}

@Test(arguments: [(-35.0, 20.0), (0, 10), (60, 35), (150, 20), (-120, 25)])
func fittedCameraKeepsTheNetworkInTheFreeAreaAndOutOfTheOverlays(yaw: Double, elevation: Double) throws {
    let renderer = try FixedScene.renderer()
    let (w, h) = (960, 540)
    let layout = renderer.layout(width: w, height: h)
    let projector = renderer.fittedCamera(width: w, height: h, yaw: yaw, elevation: elevation).projector(width: w, height: h)
    for point in renderer.framingPoints {
        let s = try #require(projector.project(point))
        #expect(s.x >= layout.free.minX - 0.5 && s.x <= layout.free.maxX + 0.5)
        #expect(s.y >= layout.free.minY - 0.5 && s.y <= layout.free.maxY + 0.5)
        #expect(!layout.keepOut.contains { $0.contains(s.x, s.y) })
    }
}

@Test func poseFramingKeepsEveryYawClearOfTheOverlays() throws {
    let renderer = try FixedScene.renderer()
    let (w, h) = (640, 360)
    let framing = renderer.poseFraming(width: w, height: h, yaws: -35...325, elevation: 20)
    let layout = renderer.layout(width: w, height: h)
    // Between samples the camera is interpolated: allow half a pixel.
    let slack = 0.5
    for yaw in stride(from: -35.0, through: 325, by: 2.5) {
        let projector = framing.camera(yaw: yaw, width: w, height: h).projector(width: w, height: h)
        for point in renderer.framingPoints {
            let s = try #require(projector.project(point))
            #expect(layout.free.contains(s.x, s.y, margin: slack), "yaw \(yaw): \(s) outside \(layout.free)")
            #expect(!layout.keepOut.contains { $0.outset(by: -slack).contains(s.x, s.y) }, "yaw \(yaw): \(s) under an overlay")
        }
    }
}
