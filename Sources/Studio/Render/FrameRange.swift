import Foundation

/// A slice of an orbit's frames for sharding a render.
///
/// Written `A:B` (safe in any shell) or `A..<B` (quote it: unquoted, a shell reads `<B` as a
/// redirection), both meaning A ≤ n < B; `A..B` means A ≤ n ≤ B. A ≥ 0 and the slice is
/// never empty.
public struct FrameRange: Sendable, Hashable, CustomStringConvertible {
    /// The frames, lower bound included, upper bound excluded.
    public var range: Range<Int>

    /// The slice `range`.
    public init(_ range: Range<Int>) {
        self.range = range
    }

    /// Parses `A:B`, `A..<B` or `A..B`; nil for anything else, a negative start or an empty slice.
    public static func parse(_ text: String) -> FrameRange? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        for (separator, inclusive) in [("..<", false), ("..", true), (":", false)] {
            guard let cut = trimmed.range(of: separator) else { continue }
            guard let a = Int(trimmed[..<cut.lowerBound]), let b = Int(trimmed[cut.upperBound...]), a >= 0 else { return nil }
            let (end, overflow) = inclusive ? b.addingReportingOverflow(1) : (b, false)
            guard !overflow, end > a else { return nil }
            return FrameRange(a..<end)
        }
        return nil
    }

    /// `A:B`.
    public var description: String { "\(range.lowerBound):\(range.upperBound)" }
}
