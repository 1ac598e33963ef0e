import DigitSamples
import Foundation

/// Maps a replay's frames to drawing time: a lead-in on the empty canvas, the drawing at
/// its own pace, then a hold on the finished digit. A pure function of the spec and the
/// strokes, so every shard agrees.
public struct ReplayTimeline: Sendable, Equatable {
    public let fps: Int
    public let leadIn: Double
    public let drawing: Double
    public let hold: Double

    public init(fps: Int, leadIn: Double, drawing: Double, hold: Double) {
        self.fps = fps
        self.leadIn = max(0, leadIn)
        self.drawing = max(0, drawing)
        self.hold = max(0, hold)
    }

    /// Seconds of video.
    public var totalSeconds: Double { leadIn + drawing + hold }

    /// Frames in the video (at least one).
    public var frameCount: Int { max(1, Int((totalSeconds * Double(fps)).rounded(.up))) }

    /// Drawing time at frame `index` (negative during the lead-in; the last frame of the
    /// drawing is at least `drawing` so the finished digit always shows).
    public func time(at index: Int) -> Double {
        let t = Double(index) / Double(fps) - leadIn
        return index == frameCount - 1 ? max(t, drawing) : t
    }

    /// The frame showing drawing time `t` first.
    public func frame(at t: Double) -> Int {
        min(frameCount - 1, max(0, Int(((t + leadIn) * Double(fps)).rounded(.up))))
    }
}
