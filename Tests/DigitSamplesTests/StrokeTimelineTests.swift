import DigitSamples
import Foundation
import Testing

/// Stroke timing: the file's own times, the steady pace of untimed files, and what is drawn
/// and where the pen is at any moment.
@Suite("Stroke timing")
struct StrokeTimelineTests {
    let untimed = Strokes(
        width: 100, height: 50, background: nil, ink: .init(0, 0, 0), pen: 4,
        strokes: [Stroke([StrokeSample(0, 0), StrokeSample(30, 40)]), Stroke([StrokeSample(50, 0), StrokeSample(50, 25)])])

    @Test("untimed strokes are drawn at the stated speed with a pause between strokes")
    func untimedPace() {
        let timeline = StrokeTimeline(untimed)
        let speed = StrokeTimeline.untimedSpeed * 100  // px per second
        let first = 50 / speed, pause = StrokeTimeline.untimedPause, second = 25 / speed
        let times = timeline.timed.strokes.flatMap { $0.points.compactMap(\.t) }
        #expect(times.count == 4)
        #expect(abs(times[1] - first) < 1e-12)
        #expect(abs(times[2] - (first + pause)) < 1e-12)
        #expect(abs(timeline.duration - (first + pause + second)) < 1e-12)
    }

    @Test("a timed file keeps its own times")
    func timedKept() {
        var timed = untimed
        for (i, t) in [[0.0, 2.0], [3.0, 3.5]].enumerated() {
            for j in 0..<2 { timed.strokes[i].points[j].t = t[j] }
        }
        let timeline = StrokeTimeline(timed)
        #expect(timeline.timed == timed)
        #expect(timeline.duration == 3.5)
    }

    @Test("drawn(at:) cuts the stroke under way where the pen is, and the tip follows")
    func partial() throws {
        var timed = untimed
        for (i, t) in [[0.0, 2.0], [3.0, 3.5]].enumerated() {
            for j in 0..<2 { timed.strokes[i].points[j].t = t[j] }
        }
        let timeline = StrokeTimeline(timed)
        #expect(timeline.drawn(at: -1).strokes.isEmpty)
        #expect(timeline.tip(at: -1) == nil)
        let half = timeline.drawn(at: 1)
        #expect(half.strokes.count == 1)
        #expect(half.strokes[0].points.last == StrokeSample(15, 20, t: 1))
        let tip = try #require(timeline.tip(at: 1))
        #expect(tip.x == 15 && tip.y == 20 && tip.down)
        // Between strokes: the first is whole, the pen is up at its end.
        let pause = timeline.drawn(at: 2.5)
        #expect(pause.strokes.count == 1 && pause.strokes[0].points.count == 2)
        let up = try #require(timeline.tip(at: 2.5))
        #expect(up.x == 30 && up.y == 40 && !up.down)
        #expect(timeline.drawn(at: 10) == timeline.timed)
    }
}
