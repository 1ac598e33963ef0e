import Preprocessing

/// What a replay frame shows besides the network: the drawing so far, the pen tip, the
/// strip of the network's inputs as they formed, where the drawing is in time, and the moments the
/// answer changed. A plain value built by the replay job for each frame.
public struct ReplayOverlay: Sendable {
    /// The pen tip in canvas pixels, and whether it touches the canvas.
    public struct PenTip: Sendable, Equatable {
        public var x: Double, y: Double
        public var down: Bool
        public init(x: Double, y: Double, down: Bool) { self.x = x; self.y = y; self.down = down }
    }

    /// One snapshot of the strip: the network's input at `time`, `width`×`height` grey values
    /// in rows (28×28 for MNIST-sized models; nil: no digit found yet, or that moment has not come).
    public struct Snapshot: Sendable {
        public var time: Double
        public var input: [Float]?
        public var reached: Bool
        public var width: Int
        public var height: Int
        public init(time: Double, input: [Float]?, reached: Bool, width: Int = 28, height: Int = 28) {
            self.time = time
            self.input = input
            self.reached = reached
            self.width = width
            self.height = height
        }
    }

    /// A moment on the timeline: the first answer (`from` nil) or a change of answer that held.
    public struct Mark: Sendable, Equatable {
        public var time: Double
        public var from: String?
        public var to: String
        public init(time: Double, from: String?, to: String) { self.time = time; self.from = from; self.to = to }
        /// `1 → 7`, or `reads 1` for the first answer.
        public var text: String { from.map { "\($0) → \(to)" } ?? "reads \(to)" }
    }

    /// The drawing so far, as the canvas pixels.
    public var canvas: Canvas
    public var tip: PenTip?
    public var strip: [Snapshot]
    /// Seconds since the drawing began (negative during the lead-in).
    public var time: Double
    /// Seconds the drawing takes; the video runs to `totalSeconds` (hold included).
    public var drawingSeconds: Double
    public var totalSeconds: Double
    /// Seconds of lead-in before the drawing starts.
    public var leadIn: Double
    /// Every mark of the whole replay (the timeline shows those already passed).
    public var marks: [Mark]
    /// True while the preprocessing finds no digit in the drawing: no prediction is shown.
    public var noDigit: Bool

    public init(
        canvas: Canvas, tip: PenTip?, strip: [Snapshot], time: Double, drawingSeconds: Double, totalSeconds: Double,
        leadIn: Double, marks: [Mark], noDigit: Bool
    ) {
        self.canvas = canvas
        self.tip = tip
        self.strip = strip
        self.time = time
        self.drawingSeconds = drawingSeconds
        self.totalSeconds = totalSeconds
        self.leadIn = leadIn
        self.marks = marks
        self.noDigit = noDigit
    }

    /// How long a change of answer stays on screen as a banner.
    public static let bannerSeconds = 2.5
}
