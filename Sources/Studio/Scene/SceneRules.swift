/// A range a setting must lie in and how to say so. One value per setting, read by both the
/// scene decoder and the command line, so `cnnviz still --elevation 90` and a scene's
/// `elevation: 90` get the same answer.
public struct ValueRule<Value: Comparable & Sendable>: Sendable {
    /// The values allowed.
    public let range: ClosedRange<Value>
    /// The expectation in words, e.g. `degrees between -89 and 89`.
    public let expectation: String

    /// A rule allowing `range`, described as `expectation`.
    public init(_ range: ClosedRange<Value>, _ expectation: String) {
        self.range = range
        self.expectation = expectation
    }

    /// True when `value` is allowed.
    public func allows(_ value: Value) -> Bool { range.contains(value) }

    /// `expected …, got …` when `value` is not allowed; nil when it is.
    public func problem(with value: Value) -> String? {
        allows(value) ? nil : "expected \(expectation), got \(value)"
    }
}

/// The ranges of every numeric setting of a scene, shared by the decoder and the command line.
public enum SceneRules {
    /// Frames per second of an orbit.
    public static let fps = ValueRule(1...240, "a positive integer (1...240)")
    /// Length of an orbit, reveal included.
    public static let seconds = ValueRule(0.01...3600.0, "a positive number of seconds (at most 3600)")
    /// Camera elevation above the network's plane (the orbit's camera would flip at ±90).
    public static let elevation = ValueRule(-89.0...89.0, "degrees between -89 and 89")
    /// Camera yaw.
    public static let yaw = ValueRule(-3600.0...3600.0, "degrees (-3600...3600)")
    /// Full turns of the camera.
    public static let turns = ValueRule(-100.0...100.0, "a number of turns (-100...100)")
    /// Camera distance as a multiple of the framing distance.
    public static let distance = ValueRule(0.5...20.0, "a framing factor between 0.5 and 20")
    /// Seconds of the forward-pass intro.
    public static let revealSeconds = ValueRule(0.0...3600.0, "a number of seconds (0...3600)")
    /// Forward-pass progress of a still frame.
    public static let revealProgress = ValueRule(0.0...1.0, "a progress between 0 and 1")
    /// The input's true class (`label:` in a scene, `--label` on the command line); checked
    /// against the network's class count before rendering.
    public static let label = ValueRule(0...9999, "a class index (0...9999)")
    /// Strongest contribution edges drawn per node.
    public static let edges = ValueRule(0...64, "a number of edges per node (0...64)")
    /// Seconds a replay holds on the finished digit.
    public static let hold = ValueRule(0.0...600.0, "a number of seconds (0...600)")
    /// Seconds of empty canvas before a replay's first stroke.
    public static let leadIn = ValueRule(0.0...60.0, "a number of seconds (0...60)")
    /// Amounts a sweep samples.
    public static let sweepSteps = ValueRule(2...2001, "a number of steps (2...2001)")
}
