import Foundation

/// Width and height of a picture in pixels, written `1280x720` (or `1280×720`) in scene files
/// and on the command line. Every command and scene key that takes a size reads it with the
/// same `parse`; what each kind of output then requires is ``problem(as:)``.
public struct FrameSize: Sendable, Equatable, CustomStringConvertible {
    /// Width in pixels.
    public var width: Int
    /// Height in pixels.
    public var height: Int

    /// Sides every size must lie in.
    public static let sides = 16...8192

    /// Creates a size; `parse` checks the sides.
    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    /// Parses `WxH` (also `W×H`, any case, spaces around the numbers); nil unless both are
    /// integers in 16...8192.
    public static func parse(_ text: String) -> FrameSize? {
        let parts = text.lowercased().replacingOccurrences(of: "×", with: "x")
            .split(separator: "x", omittingEmptySubsequences: false)
        guard parts.count == 2,
            let w = Int(parts[0].trimmingCharacters(in: .whitespaces)),
            let h = Int(parts[1].trimmingCharacters(in: .whitespaces)),
            sides.contains(w), sides.contains(h)
        else { return nil }
        return FrameSize(width: w, height: h)
    }

    /// What a size is for: each use adds its own requirement to the common syntax.
    public enum Use: Sendable {
        /// A video frame: even sides (yuv420p needs them).
        case video
        /// A poster canvas: at least 320×240.
        case poster
        /// A single picture: any size `parse` accepts.
        case picture
    }

    /// Smallest poster canvas.
    public static let smallestPoster = FrameSize(width: 320, height: 240)

    /// Why this size does not suit `use`, or nil when it does.
    public func problem(as use: Use) -> String? {
        guard Self.sides.contains(width), Self.sides.contains(height) else {
            return "sides must be in \(Self.sides.lowerBound)...\(Self.sides.upperBound), got \(self)"
        }
        switch use {
        case .video where width % 2 != 0 || height % 2 != 0:
            return "a video frame needs even sides, got \(self)"
        case .poster where width < Self.smallestPoster.width || height < Self.smallestPoster.height:
            return "a poster needs at least \(Self.smallestPoster), got \(self)"
        default:
            return nil
        }
    }

    public var description: String { "\(width)x\(height)" }
}
