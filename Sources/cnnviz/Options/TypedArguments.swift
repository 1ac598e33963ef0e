import ArgumentParser
import Studio

// Option values read into Studio's own types, so every command and the scene decoder accept
// the same strings and reject bad ones the same way (exit 64 on the command line).

/// `WIDTHxHEIGHT`, e.g. `1280x720` (also `1280×720`); what each output then requires (even
/// sides for video, at least 320x240 for posters) is checked with `FrameSize.problem(as:)`.
extension FrameSize: ExpressibleByArgument {
    public init?(argument: String) {
        guard let size = FrameSize.parse(argument) else { return nil }
        self = size
    }
}

/// `A:B` (shell-safe) or `'A..<B'`: frames A ≤ n < B.
extension FrameRange: ExpressibleByArgument {
    public init?(argument: String) {
        guard let range = FrameRange.parse(argument) else { return nil }
        self = range
    }
}

/// `forward-pass` or `none`.
extension OrbitIntro: ExpressibleByArgument {}

/// `swing` or `turn`.
extension OrbitMotion: ExpressibleByArgument {}

extension ValueRule {
    /// Throws a usage error naming `option` when `value` breaks this rule.
    func check(_ value: Value, option: String) throws {
        if let problem = problem(with: value) { throw ValidationError("\(option): \(problem)") }
    }
}

extension FrameSize {
    /// Throws a usage error naming `option` when this size does not suit `use`.
    func check(as use: Use, option: String) throws {
        if let problem = problem(as: use) { throw ValidationError("\(option): \(problem)") }
    }
}
