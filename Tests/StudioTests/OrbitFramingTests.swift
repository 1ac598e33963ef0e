import CairoGraphics
import DigitNet
import Foundation
import Geometry
import Renderer
import SceneGraph
import Studio
import TestSupport
import Testing

/// The orbit's framing, solved per pose: how big the network is, that it stays in the free
/// area and clear of the overlays at every frame and every aspect, and that it never jumps.
@Suite("Orbit framing")
struct OrbitFramingTests {
    static func source(_ spec: OrbitSpec) throws -> NetworkFrameSource {
        let input = try resolveInput(Fixtures.digitSpec, currentDirectory: Fixtures.repositoryRoot.path)
        return try NetworkFrameSource(network: Fixtures.network(), input: input, spec: spec, style: SceneStyle())
    }

    /// Screen box of every map's corners at frame `index`.
    static func slabBox(_ source: NetworkFrameSource, frame index: Int) -> ScreenRect {
        let projector = source.camera(at: index).projector(width: source.size.width, height: source.size.height)
        let points = source.renderer.scene.layers.flatMap { $0.grids.flatMap(\.outline) }.map { projector.projectUnchecked($0) }
        let xs = points.map(\.x), ys = points.map(\.y)
        let x0 = xs.min() ?? 0, y0 = ys.min() ?? 0
        return ScreenRect(x: x0, y: y0, width: (xs.max() ?? 0) - x0, height: (ys.max() ?? 0) - y0)
    }

    @Test("frame 90 of the default 720p orbit: the network spans ≥ 85 % of the width, conv1 maps ≥ 45 px wide")
    func bigAtTheThreeQuarterView() throws {
        let source = try Self.source(OrbitSpec())
        let box = Self.slabBox(source, frame: 90)
        #expect(box.width >= 0.85 * 1280, "network spans \(box.width) px of 1280")
        let projector = source.camera(at: 90).projector(width: 1280, height: 720)
        let conv1 = try #require(source.renderer.scene.layer(named: "conv1"))
        for grid in conv1.grids {
            let xs = grid.outline.map { projector.projectUnchecked($0).x }
            let width = (xs.max() ?? 0) - (xs.min() ?? 0)
            #expect(width >= 45, "a conv1 map is \(width) px wide")
        }
    }

    @Test(
        "every frame keeps the network in the free area and out of the overlays",
        arguments: [(1280, 720), (960, 720), (720, 720), (720, 1280)])
    func inFrameAtEveryAspect(width: Int, height: Int) throws {
        var spec = OrbitSpec()
        spec.size = FrameSize(width: width, height: height)
        let source = try Self.source(spec)
        let layout = source.renderer.layout(width: width, height: height)
        let points = source.renderer.framingPoints
        for index in stride(from: 0, to: spec.frameCount, by: 3) {
            let projector = source.camera(at: index).projector(width: width, height: height)
            for p in points {
                let s = projector.projectUnchecked(p)
                #expect(layout.free.contains(s.x, s.y, margin: 1), "frame \(index): \(s) outside \(layout.free)")
                #expect(!layout.keepOut.contains { $0.contains(s.x, s.y, margin: -1) }, "frame \(index): \(s) under an overlay")
            }
        }
    }

    @Test("framing moves smoothly: the network's size and place change by under 1.5 % of the frame per frame")
    func smooth() throws {
        let source = try Self.source(OrbitSpec())
        var previous = Self.slabBox(source, frame: 0)
        for index in 1..<OrbitSpec().frameCount {
            let box = Self.slabBox(source, frame: index)
            #expect(abs(box.width - previous.width) < 0.015 * 1280, "frame \(index) width jumps")
            #expect(abs(box.midX - previous.midX) < 0.015 * 1280 && abs(box.midY - previous.midY) < 0.015 * 720)
            previous = box
        }
    }

    @Test("the same frame gets the same camera from separately built sources (shards agree)")
    func deterministic() throws {
        let a = try Self.source(OrbitSpec()), b = try Self.source(OrbitSpec())
        for index in [0, 95, 181, 277, 359] {
            #expect(a.camera(at: index) == b.camera(at: index))
        }
    }
}
