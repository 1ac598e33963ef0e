import CairoGraphics
import DigitNet
import Renderer
import TestSupport
import Testing

private func pixel(_ image: ImageSurface, _ x: Int, _ y: Int) -> (b: UInt8, g: UInt8, r: UInt8, a: UInt8) {
    let bytes = image.bgraBytes()
    let i = (y * image.width + x) * 4
    return (bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3])
}

@Test func goldenDefaultFrame() throws {
    let renderer = try FixedScene.renderer()
    let camera = renderer.fittedCamera(width: 320, height: 180)
    try GoldenImage.check(try renderer.render(camera: camera, width: 320, height: 180), named: "default-320x180")
}

@Test func goldenHalfRevealedFromTheOtherSide() throws {
    var style = FrameStyle()
    style.colormap = .magma
    style.rangeRule = .perMap
    let renderer = try FixedScene.renderer(style)
    let camera = renderer.fittedCamera(width: 320, height: 180, yaw: 40, elevation: 30)
    try GoldenImage.check(
        try renderer.render(camera: camera, width: 320, height: 180, reveal: 0.5),
        named: "reveal-yaw40-magma-320x180")
}

@Test func goldenLargerDetail() throws {
    // Bigger cells: catches seams between cells and the prediction panel layout.
    let renderer = try FixedScene.renderer()
    let camera = renderer.fittedCamera(width: 640, height: 360)
    try GoldenImage.check(try renderer.render(camera: camera, width: 640, height: 360), named: "default-640x360")
}

@Test func transparentBackgroundLeavesCornersClear() throws {
    var style = FrameStyle()
    style.transparentBackground = true
    let renderer = try FixedScene.renderer(style)
    let image = try renderer.render(camera: renderer.fittedCamera(width: 320, height: 180), width: 320, height: 180)
    #expect(pixel(image, 0, 0).a == 0)
    #expect(pixel(image, 319, 0).a == 0)
}

@Test func opaqueBackgroundIsTheDarkPalette() throws {
    let renderer = try FixedScene.renderer()
    let image = try renderer.render(camera: renderer.fittedCamera(width: 320, height: 180), width: 320, height: 180)
    let corner = pixel(image, 0, 0)
    #expect(corner.a == 255)
    #expect(corner.r < 0x16 && corner.g < 0x20 && corner.b < 0x2c)
}

@Test func renderingIsDeterministic() throws {
    let renderer = try FixedScene.renderer()
    let camera = renderer.fittedCamera(width: 320, height: 180, yaw: -20, elevation: 15)
    let a = try renderer.render(camera: camera, width: 320, height: 180).bgraBytes()
    let b = try renderer.render(camera: camera, width: 320, height: 180).bgraBytes()
    #expect(a == b)
}

@Test(arguments: [0.0, 90, 180, 270])
func orbitCamerasKeepTheNetworkInFrame(yaw: Double) throws {
    let renderer = try FixedScene.renderer()
    let camera = renderer.poseFraming(width: 480, height: 270, yaws: -35...325, elevation: 20).camera(yaw: yaw, width: 480, height: 270)
    let p = camera.projector(width: 480, height: 270)
    for point in renderer.scene.bounds.corners {
        let s = try #require(p.project(point))
        #expect(s.x >= 0 && s.x <= 480 && s.y >= 0 && s.y <= 270)
    }
}

@Test func cameraInsideTheNetworkStillRenders() throws {
    // The eye sits between conv1 and pool1 looking down the flow: slabs behind it and
    // straddling the near plane must clip, not smear.
    let renderer = try FixedScene.renderer()
    let c1 = try #require(renderer.scene.layer(named: "conv1")), p1 = try #require(renderer.scene.layer(named: "pool1"))
    let eye = Vec3((c1.planeX + p1.planeX) / 2, 3, 5)
    let camera = Camera(eye: eye, target: eye + Vec3(1, -0.05, 0.1), fovY: 70, aspect: 16.0 / 9, near: 0.5)
    let image = try renderer.render(camera: camera, width: 320, height: 180)
    #expect(image.width == 320)
}

@Test func colormapEndsAndDivergingCentre() {
    let viridis = Colormap(.viridis)
    #expect(viridis.table.count == 256)
    #expect(viridis.color(at: 0) == RGBA(hex: "#440154"))
    #expect(viridis.color(at: 1) == RGBA(hex: "#fde725"))
    let rdbu = Colormap(.rdbu)
    #expect(rdbu.isDiverging)
    let mid = rdbu.color(at: 0.5)
    #expect(mid.r > 0.9 && mid.g > 0.9 && mid.b > 0.9)
    #expect(rdbu.color(at: 0).b > rdbu.color(at: 0).r)  // negative is blue
    #expect(Colormap(.grays).color(at: 1) == RGBA(1, 1, 1))
}

@Test func rangeRules() {
    let seq = ValueRange.covering(low: 0, high: 3.2, diverging: false)
    #expect(seq.low == 0 && seq.high == 3.2)
    #expect(seq.normalize(1.6) == 0.5 && seq.normalize(-1) == 0 && seq.normalize(9) == 1)
    let div = ValueRange.covering(low: -0.4, high: 0.59, diverging: true)
    #expect(div.low == -0.59 && div.high == 0.59 && div.normalize(0) == 0.5)
    #expect(ValueRange(low: 1, high: 1).normalize(1) == 0)
}
