import Studio
import Testing

@Suite("Orbit timeline")
struct OrbitTimelineTests {
    @Test("the reveal comes first with the camera still, then the swing, back at the start view at the end")
    func revealThenSwing() {
        var spec = OrbitSpec()
        spec.revealSeconds = 3
        let timeline = OrbitTimeline(spec)
        let first = timeline.pose(at: 0)
        #expect(first.reveal == 0 && first.yaw == spec.yaw && first.elevation == spec.elevation)
        let midReveal = timeline.pose(at: 40)
        #expect(midReveal.reveal > 0 && midReveal.reveal < 1 && midReveal.yaw == spec.yaw)
        let orbitStart = timeline.pose(at: 90)
        #expect(orbitStart.reveal == 1 && orbitStart.yaw == spec.yaw)
        let yaws = (0..<spec.frameCount).map { timeline.pose(at: $0).yaw }
        let high = yaws.max() ?? 0, low = yaws.min() ?? 0
        // Leaning toward the side view (35°-turned slabs go edge-on only at +35°), less far
        // toward the input end (where, past about −55°, neighbouring slabs cover each other).
        #expect(high - spec.yaw > 1.1 * spec.swing && spec.yaw - low > 0.7 * spec.swing && spec.yaw - low < 0.9 * spec.swing)
        #expect(abs(timeline.pose(at: spec.frameCount - 1).yaw - spec.yaw) < 0.5)
        let range = timeline.yawRange
        #expect(range.contains(high) && range.contains(low))
        #expect(high - range.upperBound > -0.1 && range.lowerBound - low > -0.1)
    }

    /// Fastest yaw change between consecutive frames, in degrees per second.
    static func peakSpeed(_ spec: OrbitSpec) -> Double {
        let timeline = OrbitTimeline(spec)
        let yaws = (0..<spec.frameCount).map { timeline.pose(at: $0).yaw }
        return zip(yaws, yaws.dropFirst()).map { abs($1 - $0) * Double(spec.fps) }.max() ?? 0
    }

    @Test("the default 12 s video: never faster than 40°/s, at least 60 % of the time within ±40° of the start view")
    func defaultMotionIsReadable() {
        let spec = OrbitSpec()
        #expect(spec.motion == .swing && spec.seconds == 12)
        let speed = Self.peakSpeed(spec)
        #expect(speed <= 40 && speed > 10, "peak \(speed)°/s")
        let timeline = OrbitTimeline(spec)
        let near = (0..<spec.frameCount).filter { abs(timeline.pose(at: $0).yaw - spec.yaw) <= 40 }.count
        #expect(Double(near) / Double(spec.frameCount) >= 0.6)
        // The swing passes through both sides of the start view.
        let yaws = (0..<spec.frameCount).map { timeline.pose(at: $0).yaw }
        #expect((yaws.max() ?? 0) > spec.yaw + 25 && (yaws.min() ?? 0) < spec.yaw - 15)
    }

    @Test("a swing of 40° in 12 s also stays under 40°/s; a swing starts and ends at rest")
    func wideSwing() {
        var spec = OrbitSpec()
        spec.swing = 40
        #expect(Self.peakSpeed(spec) <= 40)
        #expect(abs(OrbitTimeline.swingOffset(0.001, swing: 40)) < 0.1 && abs(OrbitTimeline.swingOffset(0.999, swing: 40)) < 0.1)
        #expect(abs(OrbitTimeline.swingShape(0.001)) < 0.02 && abs(OrbitTimeline.swingShape(0.999)) < 0.02)
        let peak = stride(from: 0.0, through: 1.0, by: 0.0005).map { OrbitTimeline.swingShape($0) }
        #expect(abs((peak.max() ?? 0) - 1) < 1e-4 && abs((peak.min() ?? 0) + 1) < 1e-4)
    }

    @Test("a full turn at 18 s: one whole circle, never faster than 40°/s")
    func fullTurn() {
        var spec = OrbitSpec()
        spec.motion = .turn
        spec.seconds = 18
        spec.revealSeconds = 3
        let timeline = OrbitTimeline(spec)
        #expect(timeline.pose(at: 90).yaw == spec.yaw)
        let last = timeline.pose(at: spec.frameCount - 1)
        #expect(last.yaw > spec.yaw + 359 && last.yaw <= spec.yaw + 360)
        #expect(Self.peakSpeed(spec) <= 40)
        #expect(abs(timeline.framingYaw(spec.yaw + 400) - (spec.yaw + 40)) < 1e-9)
    }

    @Test("ease-in-out starts and ends slowly, is monotonic and peaks at 1.25× the average speed")
    func easing() {
        let values = stride(from: 0.0, through: 1.0, by: 0.001).map { OrbitTimeline.ease($0, .easeInOut) }
        #expect(values.first == 0 && abs((values.last ?? 0) - 1) < 1e-12)
        #expect(zip(values, values.dropFirst()).allSatisfy { $0 <= $1 })
        #expect(values[10] < 0.001 && abs(values[500] - 0.5) < 1e-12)
        let steepest = zip(values, values.dropFirst()).map { ($1 - $0) / 0.001 }.max() ?? 0
        #expect(abs(steepest - 1.25) < 0.01)
    }

    @Test("without a reveal every frame is lit and the motion starts at once")
    func noReveal() {
        var spec = OrbitSpec()
        spec.reveal = .none
        spec.motion = .turn
        spec.seconds = 18
        spec.easing = .linear
        let timeline = OrbitTimeline(spec)
        #expect(timeline.pose(at: 0).reveal == 1)
        #expect(abs(timeline.pose(at: 270).yaw - (spec.yaw + 180)) < 1e-9)
    }

    @Test("a scene asking for a full turn shorter than 18 s is refused with the reason; 18 s is fine")
    func shortTurnRefused() throws {
        #expect {
            _ = try SceneDescription.parse(
                yaml: "input: x\noutputs:\n  - orbit: { motion: turn, seconds: 12 }\n", file: "t.yaml")
        } throws: { error in
            "\(error)".contains("t.yaml:3") && "\(error)".contains("motion: turn needs seconds of at least 18")
        }
        let ok = try SceneDescription.parse(yaml: "input: x\noutputs:\n  - orbit: { motion: turn, seconds: 18 }\n", file: "t.yaml")
        guard case .orbit(let spec) = ok.outputs[0] else {
            Issue.record("expected an orbit")
            return
        }
        #expect(spec.motion == .turn && spec.seconds == 18)
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
