import Studio
import Testing

@Suite("Orbit timeline")
struct OrbitTimelineTests {
    @Test("the reveal comes first with the camera still, then one eased turn")
    func revealThenOrbit() {
        var spec = OrbitSpec()
        spec.revealSeconds = 3
        let timeline = OrbitTimeline(spec)
        let first = timeline.pose(at: 0)
        #expect(first.reveal == 0 && first.yaw == spec.yaw && first.elevation == spec.elevation)
        let midReveal = timeline.pose(at: 40)
        #expect(midReveal.reveal > 0 && midReveal.reveal < 1 && midReveal.yaw == spec.yaw)
        let orbitStart = timeline.pose(at: 90)
        #expect(orbitStart.reveal == 1 && orbitStart.yaw == spec.yaw)
        let middle = timeline.pose(at: 90 + 135)
        #expect(abs(middle.yaw - (spec.yaw + 180)) < 1e-9)
        let last = timeline.pose(at: 359)
        #expect(last.yaw > spec.yaw + 359 && last.yaw <= spec.yaw + 360)
    }

    @Test("ease-in-out starts and ends slowly and is monotonic")
    func easing() {
        let values = stride(from: 0.0, through: 1.0, by: 0.01).map { OrbitTimeline.ease($0, .easeInOut) }
        #expect(values.first == 0 && values.last == 1)
        #expect(zip(values, values.dropFirst()).allSatisfy { $0 <= $1 })
        #expect(values[1] < 0.001 && values[50] == 0.5)
    }

    @Test("without a reveal every frame is lit and the turn starts at once")
    func noReveal() {
        var spec = OrbitSpec()
        spec.reveal = .none
        spec.easing = .linear
        let timeline = OrbitTimeline(spec)
        #expect(timeline.pose(at: 0).reveal == 1)
        #expect(abs(timeline.pose(at: 180).yaw - (spec.yaw + 180)) < 1e-9)
    }
}

@Suite("Scene slices")
struct SliceNameTests {
    @Test("slices of a scene's orbit get sortable names beside it")
    func names() {
        #expect(SceneRenderJob.sliceFileName("Output/orbit.mp4", 180..<360) == "Output/orbit.frames-000180-000360.mp4")
        #expect(SceneRenderJob.sliceFileName("Output/frames", 0..<30) == "Output/frames.frames-000000-000030")
        #expect(SceneRenderJob.sliceFileName("Output/frames/", 0..<30) == "Output/frames.frames-000000-000030")
    }
}
