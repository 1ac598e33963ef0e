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
            // Issue 11's bar: at the 35° plane turn a map shows 94 % of its width (82 % at 20°,
            // where the maps were about 41 px).
            #expect(width >= 45, "a conv1 map is \(width) px wide")
        }
    }

    @Test("a portrait (9:16) frame 90 uses the frame's height: the layers climb up the frame, not across a thin band")
    func portraitUsesTheHeight() throws {
        var spec = OrbitSpec()
        spec.size = FrameSize(width: 720, height: 1280)
        let source = try Self.source(spec)
        let box = Self.slabBox(source, frame: 90)
        // Seen from the landscape camera the network is about 3:1, a band of about a fifth of
        // the height (~240 px); the portrait view (`AspectView`) looks from higher and nearer
        // the input (about 470 px).
        #expect(box.height >= 0.33 * 1280, "network is \(box.height) px tall of 1280")
        #expect(box.width >= 0.8 * 720, "network spans \(box.width) px of 720")
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

    @Test("framing moves smoothly: the network's size and place change steadily, never by a jump")
    func smooth() throws {
        let source = try Self.source(OrbitSpec())
        let boxes = (0..<OrbitSpec().frameCount).map { Self.slabBox(source, frame: $0) }
        for i in 1..<boxes.count {
            // First differences: the camera's own motion (under 2.5 % of the frame a frame).
            #expect(abs(boxes[i].width - boxes[i - 1].width) < 0.025 * 1280, "frame \(i): width changes by a jump")
            #expect(abs(boxes[i].midX - boxes[i - 1].midX) < 0.025 * 1280 && abs(boxes[i].midY - boxes[i - 1].midY) < 0.025 * 720)
        }
        for i in 1..<(boxes.count - 1) {
            // Second differences: a re-framing jump shows as a spike (smooth motion: well under 0.5 %).
            let bend = boxes[i + 1].width - 2 * boxes[i].width + boxes[i - 1].width
            let drift = boxes[i + 1].midY - 2 * boxes[i].midY + boxes[i - 1].midY
            #expect(abs(bend) < 0.005 * 1280 && abs(drift) < 0.005 * 720, "frame \(i): the framing jerks (\(bend), \(drift))")
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
