import DigitNet
import Foundation
import Geometry
import SceneGraph

/// A tour laid out in time: every shot's start, length, camera poses, caption and chapter.
/// `state(at:)` is a pure function of the time, so any frame can be computed on its own and
/// sharded renders match one-shot renders exactly.
public struct TourPlan: Sendable, Equatable {
    public var shots: [PlannedShot]
    public var width: Int
    public var height: Int
    /// The widest chapter title as drawn: the width of the layout's title box (nil: no titles).
    public var titleWidth: Double?
    /// The lens of every tour camera (degrees, vertical).
    public static let fovY = 12.0
    /// The speed limit of shots whose duration the planner picks: the view direction turns at
    /// most this many degrees per second.
    public static let maxTurnRate = 40.0
    /// The zoom limit of the same shots: the camera's distance changes by at most this
    /// factor per second.
    public static let maxZoomRate = 2.5
    /// Default close-up angles.
    public static let closeYaw = -55.0, closeElevation = 12.0
    /// Close-up yaws tried, in order, when nearer layers would hide part of a layer flown to.
    public static let clearYaws = [-55.0, -50, -45, -40, -35, -30, -25]
    /// Default neuron angles.
    public static let neuronYaw = -45.0, neuronElevation = 10.0
    /// The share of a neuron shot its camera move takes; the highlight and panel follow.
    public static let neuronMove = 0.35

    /// Total length in seconds.
    public var duration: Double { shots.last?.end ?? 0 }

    /// Plans `shots` for frames of `width`×`height` drawn by `renderer` (its scene is
    /// `network`'s forward pass `trace`). Shots must already be validated against the
    /// network (layer and unit indexes in range). `audioDuration` (seconds) is the
    /// voice-over's length, which `at:` and `until: audio-end` are checked against.
    public init(
        shots: [TourShot], renderer: FrameRenderer, network: Network, trace: Trace, width: Int, height: Int,
        audioDuration: Double? = nil
    ) throws(TourTimingError) {
        self.width = width
        self.height = height
        self.shots = []
        self.titleWidth = renderer.chapterTitleWidth(shots.compactMap(\.title), width: width, height: height)
        let framer = TourFramer(renderer: renderer, width: width, height: height, titleWidth: titleWidth)
        let firstReveal = shots.firstIndex { $0.kind == .reveal }
        var pose: CameraPose
        if case .orbit(let yawFrom, _, let elevationFrom, _) = shots.first?.kind {
            pose = framer.networkPose(yaw: yawFrom, elevation: elevationFrom, prediction: shots.first?.prediction ?? false)
        } else {
            pose = framer.networkPose(yaw: -35, elevation: 20, prediction: false)
        }
        var time = 0.0
        var chapter: String?
        var chapterStart = 0.0
        for (index, shot) in shots.enumerated() {
            if let at = shot.at { time = try Self.startAt(at, shot: index, plan: &self.shots, audioDuration: audioDuration) }
            var planned = PlannedShot(
                shot: shot, start: time, duration: 0, defaultDuration: shot.duration == nil, from: pose, to: pose,
                caption: nil, chapter: nil, chapterStart: 0, revealFrom: nil, revealTo: nil, neuron: nil, regions: [])
            switch shot.kind {
            case .orbit(_, let yawTo, _, let elevationTo):
                let path = framer.networkPath(from: pose, yawTo: yawTo, elevationTo: elevationTo, prediction: shot.prediction)
                planned.path = path
                if index == 0, let start = path.samples.first { planned.from = start }
                planned.to = path.samples.last ?? pose
                planned.caption = LayerStory.overview(network: network)
            case .flyTo(let subject):
                let elevation = shot.elevation ?? (subject == .network ? 20 : Self.closeElevation)
                var yaw = shot.yaw ?? (subject == .network ? -35 : Self.closeYaw)
                if shot.yaw == nil, case .layer(let l) = subject {
                    yaw = framer.clearYaw(layer: l, elevation: elevation, prediction: shot.prediction)
                }
                planned.to = framer.pose(subject, yaw: yaw, elevation: elevation, prediction: shot.prediction)
                planned.caption =
                    subject.layer.map { LayerStory.caption(network: network, layer: $0) } ?? LayerStory.overview(network: network)
            case .hold:
                // A hold keeps what was being said.
                planned.caption = self.shots.last?.caption
            case .reveal:
                planned.caption = LayerStory.reveal()
            case .open(let layer):
                planned.caption = LayerStory.caption(network: network, layer: layer)
            case .neuron(let layer, let unit):
                let arithmetic = NeuronArithmetic.of(network: network, trace: trace, stage: layer - 1, unit: unit)
                planned.neuron = arithmetic
                planned.regions = ReceptiveRegion.trace(network: network, layer: layer, unit: unit)
                planned.to = framer.neuronPose(
                    layer: layer, regions: planned.regions, yaw: shot.yaw ?? Self.neuronYaw,
                    elevation: shot.elevation ?? Self.neuronElevation)
                planned.caption = arithmetic.map(LayerStory.neuron)
                planned.moveFraction = Self.neuronMove
            }
            if shot.prediction { planned.caption = LayerStory.prediction(network: network, trace: trace) }
            if let text = shot.caption { planned.caption = text }
            if shot.noCaption { planned.caption = nil }
            if let title = shot.title {
                chapter = title
                chapterStart = time
            }
            planned.chapter = chapter
            planned.chapterStart = chapterStart
            if let r = firstReveal {
                if index < r {
                    planned.revealFrom = 0
                    planned.revealTo = 0
                } else if index == r {
                    planned.revealFrom = 0
                    planned.revealTo = 1
                }
            }
            planned.duration = shot.duration ?? Self.defaultDuration(planned, framer: framer)
            if shot.untilAudioEnd {
                planned.duration = try Self.untilAudioEnd(
                    start: time, shot: index, last: index == shots.count - 1, audioDuration: audioDuration)
                planned.defaultDuration = false
            }
            time += planned.duration
            pose = planned.to
            self.shots.append(planned)
        }
    }

    /// The start of a shot written with `at:` seconds: the shot before it (the last of
    /// `plan`) is stretched or shortened to end there when the planner chose its length;
    /// a written length must end exactly there.
    static func startAt(
        _ at: Double, shot index: Int, plan: inout [PlannedShot], audioDuration: Double?
    ) throws(TourTimingError) -> Double {
        func fail(_ message: String) -> TourTimingError { TourTimingError(shot: index, key: "at", message: message) }
        func seconds(_ v: Double) -> String { String(format: "%.2f s", v) }
        if let audioDuration, at >= audioDuration {
            throw fail("\(seconds(at)) is past the end of the voice-over (\(seconds(audioDuration)))")
        }
        guard let last = plan.indices.last else {
            guard at == 0 else { throw fail("the first shot starts at 0 s, got \(seconds(at))") }
            return 0
        }
        let previous = plan[last]
        let room = at - previous.start
        guard room >= 0.1 else {
            throw fail(
                "\(seconds(at)) overlaps shot \(last) (\(previous.shot.keyword)), which starts at \(seconds(previous.start)); "
                    + "shots start in order, at least 0.1 s apart")
        }
        if !previous.defaultDuration, abs(previous.end - at) > 1e-6 {
            throw fail(
                "shot \(last) (\(previous.shot.keyword)) is written to last \(seconds(previous.duration)) and so ends at "
                    + "\(seconds(previous.end)), \(previous.end > at ? "overlapping" : "short of") \(seconds(at)); "
                    + "leave its duration out to let it last until the at: time")
        }
        plan[last].duration = room
        plan[last].defaultDuration = false
        return at
    }

    /// The length of a last shot that lasts until the voice-over ends.
    static func untilAudioEnd(start: Double, shot index: Int, last: Bool, audioDuration: Double?) throws(TourTimingError) -> Double {
        func fail(_ message: String) -> TourTimingError { TourTimingError(shot: index, key: "until", message: message) }
        guard last else { throw fail("only the last shot can last until the voice-over ends") }
        guard let audioDuration else { throw fail("until: audio-end needs a voice-over (audio:)") }
        guard audioDuration - start >= 0.1 else {
            throw fail(
                String(format: "the voice-over ends at %.2f s, before this shot can play (it starts at %.2f s)", audioDuration, start))
        }
        return audioDuration - start
    }

    /// The default length of a shot: its kind's usual length, longer when its camera move
    /// would otherwise turn faster than `maxTurnRate` or zoom faster than `maxZoomRate`.
    static func defaultDuration(_ shot: PlannedShot, framer: TourFramer) -> Double {
        let base: Double
        switch shot.shot.kind {
        case .orbit: base = 6
        case .flyTo: base = 2.5
        case .hold: base = 3
        case .reveal: base = 4
        case .open: base = 6
        case .neuron: base = 8
        }
        let (turn, zoom) = framer.peakRates(shot)
        let move = max(turn / maxTurnRate, zoom / log(maxZoomRate)) / shot.moveFraction
        return max(base, (move * 1.02 * 10).rounded(.up) / 10)
    }

    /// The index of the shot playing at `time` (the last one past the end).
    public func shotIndex(at time: Double) -> Int {
        guard !shots.isEmpty else { return 0 }
        var lo = 0, hi = shots.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if shots[mid].start <= time { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }

    /// The frame at `time` seconds.
    public func state(at time: Double) -> TourFrameState {
        let index = shotIndex(at: time)
        let framer = TourFramer.lens(width: width, height: height)
        guard index < shots.count else {
            let pose = CameraPose(target: .zero, yaw: -35, elevation: 20, distance: 100)
            return TourFrameState(
                time: time, shot: 0, pose: pose, camera: framer.camera(pose), reveal: nil, open: nil, neuron: nil,
                caption: nil, title: nil, prediction: 0)
        }
        let s = shots[index]
        let local = min(max(time - s.start, 0), s.duration)
        let t = s.duration > 0 ? local / s.duration : 1
        let e = s.shot.easing.apply(t)
        let pose = s.pose(at: s.shot.easing.apply(min(1, t / s.moveFraction)))
        var state = TourFrameState(
            time: time, shot: index, pose: pose, camera: framer.camera(pose), reveal: nil, open: nil, neuron: nil,
            caption: nil, title: nil, prediction: 0)
        if let a = s.revealFrom, let b = s.revealTo { state.reveal = a + (b - a) * e }
        if case .open(let layer) = s.shot.kind {
            state.open = (
                layer, Self.envelope(local, duration: s.duration, rampIn: min(1.4, s.duration * 0.3), rampOut: min(1.2, s.duration * 0.25))
            )
        }
        if case .neuron = s.shot.kind {
            // The highlight and the panel come once the camera has arrived (the panel is never
            // over the subject as the camera moves).
            let arrive = s.moveFraction < 1 ? s.duration * s.moveFraction : 0
            let shown = s.duration - arrive
            state.neuron = (
                index,
                Self.envelope(local - arrive, duration: shown, rampIn: min(1.0, shown * 0.3), rampOut: min(0.5, shown * 0.15))
            )
        }
        if let text = s.caption {
            let previous = index > 0 ? shots[index - 1].caption : nil
            let next = index + 1 < shots.count ? shots[index + 1].caption : nil
            let fade = min(0.35, s.duration / 4)
            let alpha = Self.envelope(
                local, duration: s.duration, rampIn: previous == text ? 0 : fade,
                rampOut: next == text || index + 1 == shots.count ? 0 : fade)
            state.caption = (text, alpha)
        }
        if let chapter = s.chapter {
            state.title = (chapter, min(1, (time - s.chapterStart) / 0.5))
        }
        if s.shot.prediction {
            let previous = index > 0 && shots[index - 1].shot.prediction
            state.prediction = previous ? 1 : min(1, local / 0.6)
        }
        return state
    }

    /// 0 → 1 over `rampIn` seconds, 1 until `rampOut` before the end, then → 0 (smoothstep).
    static func envelope(_ t: Double, duration: Double, rampIn: Double, rampOut: Double) -> Double {
        func smooth(_ x: Double) -> Double {
            let c = min(max(x, 0), 1)
            return c * c * (3 - 2 * c)
        }
        let up = rampIn > 0 ? smooth(t / rampIn) : 1
        let down = rampOut > 0 ? smooth((duration - t) / rampOut) : 1
        return min(up, down)
    }

    /// The chapters: every shot with a title, from its start to the next chapter's start.
    public var chapters: [(title: String, start: Double, end: Double)] {
        var out: [(title: String, start: Double, end: Double)] = []
        for s in shots {
            guard let title = s.shot.title else { continue }
            if !out.isEmpty { out[out.count - 1].end = s.start }
            out.append((title, s.start, duration))
        }
        return out
    }

    /// The captions as cues: consecutive shots with the same caption make one cue.
    public var cues: [(text: String, start: Double, end: Double)] {
        var out: [(text: String, start: Double, end: Double)] = []
        var previous: String?
        for s in shots {
            guard let text = s.caption else {
                previous = nil
                continue
            }
            if text == previous, !out.isEmpty {
                out[out.count - 1].end = s.end
            } else {
                out.append((text, s.start, s.end))
            }
            previous = text
        }
        return out
    }

    public static func == (a: TourPlan, b: TourPlan) -> Bool {
        a.shots == b.shots && a.width == b.width && a.height == b.height && a.titleWidth == b.titleWidth
    }
}
