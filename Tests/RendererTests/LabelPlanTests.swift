import CairoGraphics
import Foundation
import Geometry
import Renderer
import SceneGraph
import Testing

/// The label placement pass (`FrameRenderer.labelPlan`): labels never overlap each other,
/// a slab, a floor footprint or an overlay, are big enough to read and contrast with the
/// background, and hidden layers lose theirs.
@Suite("Label placement")
struct LabelPlanTests {
    /// Naive reference for "touches a convex polygon": a dense grid of points inside the box,
    /// any strictly inside the polygon.
    static func touches(_ box: ScreenRect, _ poly: [ScreenPoint]) -> Bool {
        guard poly.count >= 3 else { return false }
        let n = 24
        for i in 1..<n {
            for j in 1..<n {
                let x = box.x + box.width * Double(i) / Double(n), y = box.y + box.height * Double(j) / Double(n)
                var sign = 0.0
                var inside = true
                for k in poly.indices {
                    let a = poly[k], b = poly[(k + 1) % poly.count]
                    let cross = (b.x - a.x) * (y - a.y) - (b.y - a.y) * (x - a.x)
                    if abs(cross) < 1e-9 { continue }
                    if sign == 0 { sign = cross } else if (cross > 0) != (sign > 0) { inside = false; break }
                }
                if inside { return true }
            }
        }
        return false
    }

    @Test(
        "at every 10° of a full turn no label overlaps another label, a slab, a footprint or a panel",
        arguments: Array(stride(from: -35.0, to: 325, by: 10)))
    func noOverlaps(yaw: Double) throws {
        let renderer = try FixedScene.renderer()
        let (w, h) = (1280, 720)
        let camera = renderer.fittedCamera(width: w, height: h, yaw: yaw, elevation: 20)
        let plan = try renderer.labelPlan(camera: camera, width: w, height: h)
        for (i, a) in plan.labels.enumerated() {
            for b in plan.labels[(i + 1)...] { #expect(!a.box.intersects(b.box), "\(a) overlaps \(b)") }
            for (k, poly) in plan.obstacles.enumerated() { #expect(!Self.touches(a.box, poly), "\(a) touches obstacle \(k)") }
            for panel in plan.panels { #expect(!a.box.intersects(panel)) }
        }
    }

    @Test("a caption's box (text, then its arrow) keeps its proportions: at 4K twice its 1080p height")
    func captionBoxesScaleWithTheFrame() throws {
        let renderer = try FixedScene.renderer()
        func captionHeights(_ w: Int, _ h: Int) throws -> Set<Double> {
            let plan = try renderer.labelPlan(camera: renderer.fittedCamera(width: w, height: h), width: w, height: h)
            return Set(plan.labels.filter { $0.kind == .caption }.map(\.box.height))
        }
        let small = try captionHeights(1920, 1080), large = try captionHeights(3840, 2160)
        #expect(small.count == 1 && large.count == 1, "one caption height per frame size: \(small), \(large)")
        // Before, the gap under the text stayed 12 px at every size, so at 4K the arrow ran through the text.
        if let a = small.first, let b = large.first { #expect(abs(b - 2 * a) < 1e-9, "1080p \(a) px, 4K \(b) px") }
    }

    @Test("at the three-quarter view every layer is labelled and (nearly) every caption placed")
    func allLabelledAtTheStartView() throws {
        let renderer = try FixedScene.renderer()
        let camera = renderer.fittedCamera(width: 1280, height: 720)
        let plan = try renderer.labelPlan(camera: camera, width: 1280, height: 720)
        let layers = Set(plan.labels.filter { $0.kind == .layer }.map(\.layer))
        #expect(layers == Set(renderer.scene.layers.indices))
        #expect(plan.labels.filter { $0.kind == .caption }.count >= renderer.scene.layers.count - 2)
        #expect(plan.labels.allSatisfy { $0.alpha > 0.99 })
    }

    @Test("looking along the flow from the input end, layers hidden behind nearer slabs lose their labels")
    func hiddenLayersUnlabelled() throws {
        let renderer = try FixedScene.renderer()
        // Looking along the flow axis from the input end: every later slab sits behind the input.
        let camera = renderer.fittedCamera(width: 1280, height: 720, yaw: -90, elevation: 5)
        let plan = try renderer.labelPlan(camera: camera, width: 1280, height: 720)
        let labelled = plan.labels.filter { $0.kind == .layer }.map(\.layer)
        // pool1 sits wholly behind the taller, wider conv1; the dense layers behind both.
        #expect(!labelled.contains(2) && !labelled.contains(renderer.scene.layers.count - 1))
        #expect(labelled.count < renderer.scene.layers.count / 2, "labelled: \(labelled)")
    }

    /// WCAG relative luminance and contrast ratio.
    static func luminance(_ c: RGBA) -> Double {
        func lin(_ v: Double) -> Double { v <= 0.04045 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4) }
        return 0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b)
    }
    static func contrast(_ a: RGBA, _ b: RGBA) -> Double {
        let (x, y) = (luminance(a), luminance(b))
        return (max(x, y) + 0.05) / (min(x, y) + 0.05)
    }

    @Test("label text is ≥ 11 px at 720p and contrasts ≥ 4.5:1 with every background colour")
    func readable() {
        #expect(FrameRenderer.minimumLabelText(height: 720) >= 11)
        #expect(FrameRenderer.minimumLabelText(height: 1080) >= 11)
        let p = Palette.dark
        for background in [p.background, p.gradientCenter, p.gradientEdge] {
            #expect(Self.contrast(p.text, background) >= 4.5)
            #expect(Self.contrast(p.muted, background) >= 4.5)
        }
    }

    @Test("the separating-axis test agrees with the naive point test on random boxes and polygons")
    func separatingAxis() {
        var state: UInt64 = 7
        func next() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
        for _ in 0..<300 {
            let box = ScreenRect(x: next() * 100, y: next() * 100, width: 5 + next() * 40, height: 5 + next() * 20)
            let cx = next() * 140, cy = next() * 140, r = 5 + next() * 30, turn = next()
            let poly = (0..<5).map { k -> ScreenPoint in
                let a = (Double(k) / 5 + turn) * 2 * .pi
                return ScreenPoint(x: cx + r * cos(a), y: cy + r * 0.6 * sin(a), depth: 0)
            }
            let naive = Self.touches(box, poly)
            // The naive test samples points, so it can miss a sliver the exact test sees.
            if naive { #expect(LabelPlan.intersects(box, convex: poly)) }
        }
    }
}
