/// Finds where a replay's answer changes: the first answer, then every change of the top
/// digit to one that holds for at least `minimumHold` seconds. Frames without a digit
/// (nil) neither start nor end an answer; a short flicker to another digit that does not
/// hold is not a change.
public struct FlipDetector: Sendable {
    /// A change of answer at `frame`: from `from` (nil for the first answer) to `to`.
    public struct Flip: Sendable, Equatable {
        public var frame: Int
        public var from: Int?
        public var to: Int
        public init(frame: Int, from: Int?, to: Int) { self.frame = frame; self.from = from; self.to = to }
    }

    /// Seconds a new answer must hold to count.
    public var minimumHold: Double = 0.3

    public init(minimumHold: Double = 0.3) { self.minimumHold = minimumHold }

    /// The changes in `tops` (the top digit of each frame, nil without a digit) at `fps`.
    /// A first answer found only in the last frames counts even when shorter.
    public func flips(_ tops: [Int?], fps: Int) -> [Flip] {
        let needed = max(1, Int((minimumHold * Double(fps)).rounded(.up)))
        var flips: [Flip] = []
        var stable: Int?
        var i = 0
        while i < tops.count {
            guard let top = tops[i], top != stable else {
                i += 1
                continue
            }
            // How long does `top` hold from here (frames without a digit end the run)?
            var j = i
            while j < tops.count, tops[j] == top { j += 1 }
            if j - i >= needed || (j == tops.count && stable == nil) {
                flips.append(Flip(frame: i, from: stable, to: top))
                stable = top
            }
            i = j
        }
        return flips
    }
}
