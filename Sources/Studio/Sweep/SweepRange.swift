import DigitSamples
import Foundation

/// What a sweep varies and over which amounts: `rotate:-60:60`, `shift:-6:6`,
/// `scale:0.5:1.5`, `thickness:-1:2`, `erase:0:1` (KIND:FROM:TO, FROM ≠ TO).
public struct SweepRange: Sendable, Equatable, CustomStringConvertible {
    public var variation: InputVariation
    public var from: Double
    public var to: Double

    public init(_ variation: InputVariation, from: Double, to: Double) {
        self.variation = variation
        self.from = from
        self.to = to
    }

    /// Parses `KIND:FROM:TO`; the reason when it does not parse or is out of range.
    public static func parse(_ text: String) -> Result<SweepRange, SweepRangeError> {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        let kinds = InputVariation.allCases.map(\.rawValue).joined(separator: ", ")
        guard parts.count == 3, let kind = InputVariation(rawValue: parts[0]) else {
            return .failure(SweepRangeError(text: text, reason: "expected KIND:FROM:TO with KIND one of \(kinds), e.g. rotate:-60:60"))
        }
        guard let a = Double(parts[1]), let b = Double(parts[2]), a.isFinite, b.isFinite else {
            return .failure(SweepRangeError(text: text, reason: "FROM and TO must be numbers"))
        }
        guard a != b else { return .failure(SweepRangeError(text: text, reason: "FROM and TO must differ")) }
        let allowed = kind.allowed
        guard allowed.contains(a), allowed.contains(b) else {
            return .failure(
                SweepRangeError(text: text, reason: "\(kind.rawValue) amounts lie in \(allowed.lowerBound)…\(allowed.upperBound)"))
        }
        return .success(SweepRange(kind, from: a, to: b))
    }

    /// The amount at `progress` 0…1.
    public func amount(at progress: Double) -> Double { from + (to - from) * min(max(progress, 0), 1) }

    public var description: String {
        func n(_ v: Double) -> String { v == v.rounded() && abs(v) < 1e9 ? String(Int(v)) : String(v) }
        return "\(variation.rawValue):\(n(from)):\(n(to))"
    }
}

/// A `--vary` or `vary:` value that does not parse.
public struct SweepRangeError: Error, Sendable, Equatable, CustomStringConvertible {
    public var text: String
    public var reason: String
    public var description: String { "'\(text)': \(reason)" }
}

/// A `sweep` output: one input, one variation along the timeline (video) or along the x
/// axis (figure).
public struct SweepSpec: Sendable, Equatable {
    /// .mp4/.webm/.gif/folder (video) or .png/.pdf/.svg (figure).
    public var file: String = "Output/sweep.mp4"
    public var range = SweepRange(.rotate, from: -60, to: 60)
    public var size: FrameSize = FrameSize(width: 1280, height: 720)
    public var fps: Int = 30
    /// Seconds the video takes to sweep from FROM to TO (then `hold` on the last amount).
    public var seconds: Double = 8
    public var hold: Double = 1
    /// Amounts sampled for the curves (and a figure's thumbnails: every `steps / 8`th).
    public var steps: Int = 121
    public var yaw: Double = -35
    public var elevation: Double = 20

    public init() {}

    /// True when `file` names a figure (PNG, PDF, SVG) rather than a video.
    public var isFigure: Bool {
        ["png", "pdf", "svg"].contains((file as NSString).pathExtension.lowercased())
    }
}
