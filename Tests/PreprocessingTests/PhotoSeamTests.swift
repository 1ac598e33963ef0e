import Foundation
import Preprocessing
import Support
import Testing

/// Rules of the photo path found by looking at fresh photos' misses (seeds 12345 and 31337):
/// the desk's grain cut off by a raised block threshold, and rough blocks away from the
/// frame's border.
@Suite("The desk's grain and rough patches in a photo")
struct PhotoSeamTests {
    /// A darkness plane (Float, 0 = paper) of quiet paper (0…1) with desk grain (0…`grain`,
    /// pixel to pixel) in the columns `desk`.
    static func darkness(width: Int, height: Int, desk: Range<Int>, grain: Int, seed: UInt64) -> Plane<Float> {
        var rng = SplitMix64(seed: seed)
        var pixels = [Float](repeating: 0, count: width * height)
        for y in 0..<height {
            for x in 0..<width { pixels[y * width + x] = Float(desk.contains(x) ? rng.int(grain + 1) : rng.int(2)) }
        }
        return Plane(width: width, height: height, pixels: pixels)
    }

    /// The pieces of the pixels at or above their block's low bar, as `PhotoInk` cuts candidates.
    static func pieces(_ d: Plane<Float>, _ noise: NoiseThresholds) -> (ComponentLabels, Plane<UInt8>) {
        let bytes = Plane(width: d.width, height: d.height, pixels: d.pixels.map { UInt8(max(0, min(255, $0))) })
        var mask = [UInt8](repeating: 0, count: d.width * d.height)
        for y in 0..<d.height {
            for x in 0..<d.width {
                let bar = noise.blockLow[min(noise.rows - 1, y / noise.side) * noise.columns + min(noise.columns - 1, x / noise.side)]
                mask[y * d.width + x] = bytes.pixels[y * d.width + x] >= bar ? 1 : 0
            }
        }
        let labels = Components.label(Plane(width: d.width, height: d.height, pixels: mask), ink: (0..<256).map { $0 == 1 })
        return (labels, bytes)
    }

    @Test("desk grain in the blocks that borrow the paper's bar is cut off by the raised bar beyond it; a stroke on the paper is not")
    func grainCutByRaisedBar() {
        // Paper in columns 0..<128, desk grain (0…60) in 128..<256: the desk blocks beside the
        // paper (128..<160) borrow its bar, those beyond (160..<256) raise their own.
        var d = Self.darkness(width: 256, height: 128, desk: 128..<256, grain: 60, seed: 4)
        // A stroke (darkness 120) on the paper, 6 px wide, crossing block seams.
        for y in 20..<110 { for x in 60..<66 { d.pixels[y * 256 + x] = 120 } }
        let noise = NoiseThresholds.measure(d)
        #expect(Int(noise.blockLow[5]) > noise.low + 8, "the desk's own blocks raise their bar")
        #expect(Int(noise.blockLow[4]) == noise.low, "the desk blocks beside the paper borrow its bar")
        let (labels, bytes) = Self.pieces(d, noise)
        let cut = ThresholdSeams.cutPieces(labels, darkness: bytes, noise: noise)
        var grainArea = 0, cutGrainArea = 0
        for c in labels.components where c.bounds.x >= 128 {
            grainArea += c.area
            if cut[Int(c.label)] { cutGrainArea += c.area }
        }
        #expect(grainArea > 0 && Double(cutGrainArea) >= 0.8 * Double(grainArea), "\(cutGrainArea) of \(grainArea) grain pixels cut")
        let stroke = labels.components.filter { $0.bounds.x <= 60 && $0.bounds.maxX >= 66 }
        #expect(stroke.count == 1 && stroke.allSatisfy { !cut[Int($0.label)] }, "the stroke is ink")
        // The same desk all the way with no raised bar (every block quiet round it): nothing is cut.
        let quiet = Self.darkness(width: 256, height: 128, desk: 128..<160, grain: 60, seed: 5)
        let quietNoise = NoiseThresholds.measure(quiet)
        let (quietLabels, quietBytes) = Self.pieces(quiet, quietNoise)
        #expect(!ThresholdSeams.cutPieces(quietLabels, darkness: quietBytes, noise: quietNoise).contains(true))
    }

    @Test("rough blocks not joined to the frame's border through rough blocks stay on the page")
    func roughPatchAwayFromBorder() {
        // Faint rough grain (below the ink level) in a patch inside the page, then the same patch at the border.
        func plane(patch: Range<Int>) -> Plane<UInt8> {
            let d = Self.darkness(width: 256, height: 128, desk: patch, grain: 12, seed: 6)
            var p = d.pixels.map { UInt8($0) }
            for y in 0..<128 where !(32..<96).contains(y) { for x in patch { p[y * 256 + x] = UInt8(y % 2) } }
            return Plane(width: 256, height: 128, pixels: p)
        }
        let inside = PageTexture.measure(plane(patch: 96..<160), inkLevel: 14)
        #expect(!inside.offPage.contains(true), "a rough patch inside the page is paper (a pencil's grainy rim)")
        let atBorder = PageTexture.measure(plane(patch: 192..<256), inkLevel: 14)
        #expect(atBorder.isOffPage(230, 64) && !atBorder.isOffPage(100, 64), "the same patch at the border is the desk")
    }
}
