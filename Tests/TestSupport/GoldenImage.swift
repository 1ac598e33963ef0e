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
/// Text-heavy pictures may also allow a `shift` of 1 pixel: a pixel then matches when some
/// pixel within `shift` of it in the other image is within `channelTolerance`, checked both
/// ways (so a thin line that vanishes or appears still fails). Cairo's toy fonts resolve
/// hinting from the first size a process draws a face at, so a glyph edge can move by a pixel
/// depending on what the process drew before; `shift: 1` absorbs that and nothing larger.
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
    public static func check(
        _ image: ImageSurface, named name: String,
        channelTolerance: Int = defaultChannelTolerance,
        mismatchFraction: Double = defaultMismatchFraction,
        shift: Int = 0,
        filePath: String = #filePath,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
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
        guard let comparison = try compare(image, expected, channelTolerance: channelTolerance, shift: shift) else {
            try image.writePNG(to: actual.path)
            Issue.record(
                "\(name): size \(image.width)×\(image.height), golden \(expected.width)×\(expected.height); see \(actual.path)",
                sourceLocation: sourceLocation)
            return
        }
        if comparison.mismatchFraction > mismatchFraction {
            try image.writePNG(to: actual.path)
            try comparison.diff.writePNG(to: diffFile.path)
            Issue.record(
                """
                \(name): \(comparison.mismatched) pixels (\(String(format: "%.2f", comparison.mismatchFraction * 100)) %) \
                differ by more than \(channelTolerance)\(shift > 0 ? " within \(shift) px" : "") \
                (worst \(comparison.worst)), allowed \
                \(String(format: "%.2f", mismatchFraction * 100)) %; see \(actual.path) and \(diffFile.path)
                """, sourceLocation: sourceLocation)
        } else {
            try? FileManager.default.removeItem(at: actual)
            try? FileManager.default.removeItem(at: diffFile)
        }
    }

    /// Checks the PNG file at `path` (a job's or the CLI's output) like `check(_:named:)`.
    public static func checkFile(
        _ path: String, named name: String,
        channelTolerance: Int = defaultChannelTolerance,
        mismatchFraction: Double = defaultMismatchFraction,
        shift: Int = 0,
        filePath: String = #filePath,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        try check(
            ImageSurface.readPNG(at: path), named: name, channelTolerance: channelTolerance,
            mismatchFraction: mismatchFraction, shift: shift, filePath: filePath, sourceLocation: sourceLocation)
    }

    /// Pixel-by-pixel comparison of `image` with `golden`, each pixel matched against the other
    /// image's pixels within `shift` (0: the same pixel only); nil when the sizes differ.
    public static func compare(
        _ image: ImageSurface, _ golden: ImageSurface,
        channelTolerance: Int = defaultChannelTolerance, shift: Int = 0
    ) throws -> GoldenComparison? {
        guard image.width == golden.width, image.height == golden.height else { return nil }
        let (width, height) = (image.width, image.height)
        let a = image.bgraBytes(), b = golden.bgraBytes()
        /// Largest channel difference between pixel p of `x` and pixel q of `y`.
        func distance(_ x: [UInt8], _ p: Int, _ y: [UInt8], _ q: Int) -> Int {
            var d = 0
            for ch in 0..<4 { d = max(d, abs(Int(x[p * 4 + ch]) - Int(y[q * 4 + ch]))) }
            return d
        }
        /// Whether pixel (px, py) of `x` is within tolerance of some pixel of `y` within `shift`.
        func matchesNearby(_ x: [UInt8], _ y: [UInt8], _ px: Int, _ py: Int) -> Bool {
            for qy in max(0, py - shift)...min(height - 1, py + shift) {
                for qx in max(0, px - shift)...min(width - 1, px + shift)
                where distance(x, py * width + px, y, qy * width + qx) <= channelTolerance {
                    return true
                }
            }
            return false
        }
        var diff = [UInt8](repeating: 0, count: a.count)
        var mismatched = 0, worst = 0
        for py in 0..<height {
            for px in 0..<width {
                let p = py * width + px
                let d = distance(a, p, b, p)
                worst = max(worst, d)
                let matches =
                    d <= channelTolerance
                    || (shift > 0 && matchesNearby(a, b, px, py) && matchesNearby(b, a, px, py))
                if matches {
                    let g = UInt8(Int(b[p * 4 + 1]) / 4)
                    diff[p * 4] = g; diff[p * 4 + 1] = g; diff[p * 4 + 2] = g; diff[p * 4 + 3] = 255
                } else {
                    mismatched += 1
                    diff[p * 4 + 2] = 255; diff[p * 4 + 3] = 255  // red
                }
            }
        }
        return GoldenComparison(
            mismatched: mismatched, pixels: width * height, worst: worst,
            diff: try ImageSurface(width: width, height: height, bgra: diff))
    }
}
