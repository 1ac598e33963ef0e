import CairoGraphics
import Renderer
import Testing

/// `render` composites the floor grid into each row as the background is copied; the
/// picture must be exactly the one drawn the plain way (background copied, then the grid
/// through a `SolidBatch`, then everything else).
@Suite struct FloorFusionTests {
    @Test(
        "a rendered frame is bit for bit the frame drawn over a copied background with the grid drawn afterwards",
        arguments: [(320, 180, -35.0), (640, 360, 20.0), (1280, 720, -60.0)])
    func fusedFloorIsTheSamePicture(width: Int, height: Int, yaw: Double) throws {
        let renderer = try FixedScene.renderer()
        let camera = renderer.fittedCamera(width: width, height: height, yaw: yaw, elevation: 20)
        let fused = try renderer.render(camera: camera, width: width, height: height)
        let plain = try renderer.render(camera: camera, width: width, height: height, floorWithBackground: false)
        let a = fused.bgraBytes(), b = plain.bgraBytes()
        #expect(a == b)
        // The grid is really there: the frame differs from one without a floor.
        var style = FrameStyle()
        style.showFloor = false
        let bare = try FixedScene.renderer(style).render(camera: camera, width: width, height: height).bgraBytes()
        #expect(zip(a, bare).filter { $0 != $1 }.count > width * 2)
    }

    @Test("a tour frame is bit for bit the frame drawn with the grid afterwards, and its pixels come from the pool")
    func fusedTourFloorIsTheSamePicture() throws {
        let (plan, renderer, _, _) = try TourPlanTests.lesson()
        for t in [0.0, plan.shots[4].start + 2.5, plan.duration - 0.01] {
            let state = plan.state(at: t)
            let fused = try renderer.renderTour(state, plan: plan).bgraBytes()
            let plain = try renderer.renderTour(state, plan: plan, floorWithBackground: false).bgraBytes()
            #expect(fused == plain, "tour frame at \(t) s")
        }
        #expect(renderer.pixelPool.count > 0)
        #expect(renderer.pixelPool.count <= renderer.pixelPool.limit)
    }

    @Test("frames reuse the renderer's pixel buffers: the pool never holds more than its limit")
    func poolStaysBounded() throws {
        let renderer = try FixedScene.renderer()
        let camera = renderer.fittedCamera(width: 320, height: 180)
        let first = try renderer.render(camera: camera, width: 320, height: 180).bgraBytes()
        for _ in 0..<6 {
            let frames = try (0..<5).map { _ in try renderer.render(camera: camera, width: 320, height: 180) }
            #expect(frames.allSatisfy { $0.bgraBytes() == first })
        }
        #expect(renderer.pixelPool.count <= renderer.pixelPool.limit)
        #expect(renderer.pixelPool.count > 0)
    }
}
