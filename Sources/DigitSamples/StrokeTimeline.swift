import Foundation

/// When each point of a drawing is drawn: the file's own times, or for an untimed file a
/// steady pen speed with a pause between strokes. Answers what has been drawn by time `t`
/// and where the pen tip is. A pure function of the drawing.
public struct StrokeTimeline: Sendable, Equatable {
    /// Untimed drawings: pen speed as a share of the canvas's longer side per second.
    public static let untimedSpeed = 0.5
    /// Untimed drawings: seconds with the pen up between two strokes.
    public static let untimedPause = 0.3

    /// The drawing, every point timed (seconds from the start).
    public let timed: Strokes

    /// The timeline of `drawing`: its own times when it has them, else the steady pace.
    public init(_ drawing: Strokes) {
        guard !drawing.isTimed else {
            self.timed = drawing
            return
        }
        let speed = Self.untimedSpeed * Double(max(drawing.width, drawing.height))
        var out = drawing
        var clock = 0.0
        for (i, stroke) in drawing.strokes.enumerated() {
            if i > 0 { clock += Self.untimedPause }
            var previous: StrokeSample?
            for (j, p) in stroke.points.enumerated() {
                if let q = previous { clock += hypot(p.x - q.x, p.y - q.y) / speed }
                out.strokes[i].points[j].t = clock
                previous = p
            }
        }
        self.timed = out
    }

    /// Seconds from the first point to the last.
    public var duration: Double { timed.strokes.last?.points.last?.t ?? 0 }

    /// The time of `point` of `stroke`.
    func time(_ stroke: Int, _ point: Int) -> Double { timed.strokes[stroke].points[point].t ?? 0 }

    /// What is on the canvas at time `t`: whole strokes finished by then, the stroke under
    /// way cut where the pen is (the last segment interpolated), nothing begun later.
    public func drawn(at t: Double) -> Strokes {
        var out = timed
        out.strokes = []
        for stroke in timed.strokes {
            guard let first = stroke.points.first, (first.t ?? 0) <= t else { break }
            var kept: [StrokeSample] = []
            for p in stroke.points {
                let pt = p.t ?? 0
                if pt <= t {
                    kept.append(p)
                    continue
                }
                if let q = kept.last, let qt = q.t, pt > qt {
                    let f = (t - qt) / (pt - qt)
                    kept.append(StrokeSample(q.x + (p.x - q.x) * f, q.y + (p.y - q.y) * f, t: t))
                }
                break
            }
            var cut = stroke
            cut.points = kept
            out.strokes.append(cut)
        }
        return out
    }

    /// The pen tip at time `t`: where it is and whether it touches the canvas (between
    /// strokes it rests where the last stroke ended); nil before the first point.
    public func tip(at t: Double) -> (x: Double, y: Double, down: Bool)? {
        let drawn = drawn(at: t)
        guard let stroke = drawn.strokes.last, let p = stroke.points.last else { return nil }
        let index = drawn.strokes.count - 1
        let original = timed.strokes[index]
        let finished = stroke.points.count == original.points.count && (original.points.last?.t ?? 0) < t
        return (p.x, p.y, !finished)
    }
}
