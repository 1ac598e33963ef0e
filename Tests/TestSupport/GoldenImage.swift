import CairoGraphics
import Foundation
import Testing

/// Compares rendered pictures with PNG goldens in a `Goldens/` folder beside the calling test
/// file, pixel by pixel.
///
/// Tolerance: a pixel matches when each of its four premultiplied BGRA channels is within
/// `channelTolerance` (default 24 of 255) of the golden's; the image matches when at most
/// `mismatchFraction` (default 0.5 %) of its pixels do not. That absorbs antialiasing and
/// glyph-hinting differences between Cairo/FreeType builds and the last-bit differences
/// between FMA and portable builds, while catching any real change in layout, colour or
/// geometry. A size change always fails.
///
/// On failure `NAME.actual.png` and `NAME.diff.png` (red where pixels differ, the golden's
/// green channel dimmed elsewhere) are written beside the golden; they are git-ignored and
/// removed again by the next passing run. `RECORD_GOLDENS=1` re-records instead of comparing.
public enum GoldenImage {
    /// Largest per-channel difference (0…255) at which two pixels still match.
    public static let defaultChannelTolerance = 24
    /// Largest fraction of non-matching pixels at which two images still match.
    public static let defaultMismatchFraction = 0.005

    /// The `Goldens` folder beside the test file `filePath`.
    public static func folder(beside filePath: String) -> URL {
        URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("Goldens")
    }

    /// Whether this run re-records goldens (`RECORD_GOLDENS=1`).
    public static var recording: Bool { ProcessInfo.processInfo.environment["RECORD_GOLDENS"] == "1" }

    /// Checks `image` against `Goldens/NAME.png` beside the calling test file and records an
    /// issue at the caller when it differs beyond the tolerance (or is missing).
    public static func check(_ image: ImageSurface, named name: String,
                             channelTolerance: Int = defaultChannelTolerance,
                             mismatchFraction: Double = defaultMismatchFraction,
                             filePath: String = #filePath,
                             sourceLocation: SourceLocation = #_sourceLocation) throws {
        let folder = folder(beside: filePath)
        let golden = folder.appendingPathComponent("\(name).png")
        let actual = folder.appendingPathComponent("\(name).actual.png")
        let diffFile = folder.appendingPathComponent("\(name).diff.png")
        if recording {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try image.writePNG(to: golden.path)
            return
        }
        guard FileManager.default.fileExists(atPath: golden.path) else {
            Issue.record("missing golden \(golden.path); run with RECORD_GOLDENS=1 to record it", sourceLocation: sourceLocation)
            return
        }
        let expected = try ImageSurface.readPNG(at: golden.path)
        guard let comparison = try compare(image, expected, channelTolerance: channelTolerance) else {
            try image.writePNG(to: actual.path)
            Issue.record("\(name): size \(image.width)×\(image.height), golden \(expected.width)×\(expected.height); see \(actual.path)",
                         sourceLocation: sourceLocation)
            return
        }
        if comparison.mismatchFraction > mismatchFraction {
            try image.writePNG(to: actual.path)
            try comparison.diff.writePNG(to: diffFile.path)
            Issue.record("""
                \(name): \(comparison.mismatched) pixels (\(String(format: "%.2f", comparison.mismatchFraction * 100)) %) \
                differ by more than \(channelTolerance) (worst \(comparison.worst)), allowed \
                \(String(format: "%.2f", mismatchFraction * 100)) %; see \(actual.path) and \(diffFile.path)
                """, sourceLocation: sourceLocation)
        } else {
            try? FileManager.default.removeItem(at: actual)
            try? FileManager.default.removeItem(at: diffFile)
        }
    }

    /// Checks the PNG file at `path` (a job's or the CLI's output) like `check(_:named:)`.
    public static func checkFile(_ path: String, named name: String,
                                 channelTolerance: Int = defaultChannelTolerance,
                                 mismatchFraction: Double = defaultMismatchFraction,
                                 filePath: String = #filePath,
                                 sourceLocation: SourceLocation = #_sourceLocation) throws {
        try check(ImageSurface.readPNG(at: path), named: name, channelTolerance: channelTolerance,
                  mismatchFraction: mismatchFraction, filePath: filePath, sourceLocation: sourceLocation)
    }

    /// Pixel-by-pixel comparison of `image` with `golden`; nil when their sizes differ.
    public static func compare(_ image: ImageSurface, _ golden: ImageSurface,
                               channelTolerance: Int = defaultChannelTolerance) throws -> GoldenComparison? {
        guard image.width == golden.width, image.height == golden.height else { return nil }
        let a = image.bgraBytes(), b = golden.bgraBytes()
        let pixels = a.count / 4
        var diff = [UInt8](repeating: 0, count: a.count)
        var mismatched = 0, worst = 0
        for p in 0..<pixels {
            var d = 0
            for ch in 0..<4 { d = max(d, abs(Int(a[p * 4 + ch]) - Int(b[p * 4 + ch]))) }
            worst = max(worst, d)
            if d > channelTolerance {
                mismatched += 1
                diff[p * 4 + 2] = 255; diff[p * 4 + 3] = 255  // red
            } else {
                let g = UInt8(Int(b[p * 4 + 1]) / 4)
                diff[p * 4] = g; diff[p * 4 + 1] = g; diff[p * 4 + 2] = g; diff[p * 4 + 3] = 255
            }
        }
        return GoldenComparison(mismatched: mismatched, pixels: pixels, worst: worst,
                                diff: try ImageSurface(width: image.width, height: image.height, bgra: diff))
    }
}
