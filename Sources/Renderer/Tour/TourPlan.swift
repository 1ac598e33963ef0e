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
    /// Default neuron angles.
    public static let neuronYaw = -62.0, neuronElevation = 10.0

    /// Total length in seconds.
    public var duration: Double { shots.last?.end ?? 0 }

    /// Plans `shots` for frames of `width`×`height` drawn by `renderer` (its scene is
    /// `network`'s forward pass `trace`). Shots must already be validated against the
    /// network (layer and unit indexes in range).
    public init(
        shots: [TourShot], renderer: FrameRenderer, network: Network, trace: Trace, width: Int, height: Int
    ) {
        self.width = width
        self.height = height
        self.shots = []
        let framer = TourFramer(renderer: renderer, width: width, height: height)
        let firstReveal = shots.firstIndex { $0.kind == .reveal }
        var pose: CameraPose
        if case .orbit(let yawFrom, _, let elevationFrom, _) = shots.first?.kind {
            pose = framer.networkPose(yaws: [yawFrom], elevation: elevationFrom, prediction: shots.first?.prediction ?? false)
        } else {
            pose = framer.networkPose(yaws: [-35], elevation: 20, prediction: false)
        }
        var time = 0.0
        var chapter: String?
        var chapterStart = 0.0
        for (index, shot) in shots.enumerated() {
            var planned = PlannedShot(
                shot: shot, start: time, duration: 0, defaultDuration: shot.duration == nil, from: pose, to: pose,
                caption: nil, chapter: nil, chapterStart: 0, revealFrom: nil, revealTo: nil, neuron: nil, regions: [])
            switch shot.kind {
            case .orbit(let yawFrom, let yawTo, _, let elevationTo):
                let lo = min(pose.yaw, yawTo), hi = max(pose.yaw, yawTo)
                let yaws = Array(stride(from: lo, through: hi, by: 5)) + [hi]
                planned.to = framer.networkPose(yaws: yaws, elevation: elevationTo, prediction: shot.prediction)
                planned.to.yaw = yawTo
                _ = yawFrom
                planned.caption = LayerStory.overview(network: network)
            case .flyTo(let subject):
                planned.to = framer.pose(
                    subject, yaw: shot.yaw ?? (subject == .network ? -35 : Self.closeYaw),
                    elevation: shot.elevation ?? (subject == .network ? 20 : Self.closeElevation), prediction: shot.prediction)
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
            time += planned.duration
            pose = planned.to
            self.shots.append(planned)
        }
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
        let turn = framer.peakTurn(from: shot.from, to: shot.to, easing: shot.shot.easing)
        let zoom =
            shot.from.distance > 0 && shot.to.distance > 0
            ? abs(log(shot.to.distance / shot.from.distance)) * shot.shot.easing.peakSlope / log(maxZoomRate) : 0
        return max(base, (max(turn / maxTurnRate, zoom) * 1.02 * 10).rounded(.up) / 10)
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
        let pose = CameraPose.between(s.from, s.to, e)
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
            state.neuron = (
                index, Self.envelope(local, duration: s.duration, rampIn: min(1.0, s.duration * 0.3), rampOut: min(0.5, s.duration * 0.15))
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
        a.shots == b.shots && a.width == b.width && a.height == b.height
    }
}
