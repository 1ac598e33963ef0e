import CairoGraphics
import DigitSamples
import Foundation
import Preprocessing
import Support
import Testing

/// The desk beyond the page's edge: rough blocks are off the page, the desk's grain that passes
/// the low ink threshold beside them is found too, and the pieces left out there are reported.
@Suite("The desk in a photo")
struct PhotoDeskTests {
    /// A darkness plane: smooth paper (0…1) on the right, desk grain on the left `deskWidth`
    /// columns whose values jump between 0 and `grain` from pixel to pixel.
    static func page(width: Int, height: Int, deskWidth: Int, grain: UInt8, seed: UInt64) -> Plane<UInt8> {
        var rng = SplitMix64(seed: seed)
        var pixels = [UInt8](repeating: 0, count: width * height)
        for y in 0..<height {
            for x in 0..<width { pixels[y * width + x] = x < deskWidth ? UInt8(rng.int(Int(grain) + 1)) : UInt8(rng.int(2)) }
        }
        return Plane(width: width, height: height, pixels: pixels)
    }

    @Test("desk grain below the low ink threshold is off the page; above it only in the ring beside the desk already found")
    func grainAboveLowThreshold() {
        // Desk columns 0..<64 with faint grain (up to 12: below an ink level of 14), then
        // columns 64..<128 whose grain is faint (0…3) or loud (20…30: above 14, below a strong
        // level of 40), then paper.
        var plane = Self.page(width: 256, height: 96, deskWidth: 64, grain: 12, seed: 1)
        var rng = SplitMix64(seed: 2)
        let loud = Plane(
            width: 64, height: 96, pixels: (0..<(64 * 96)).map { _ in rng.int(2) == 0 ? UInt8(rng.int(4)) : UInt8(20 + rng.int(11)) })
        for y in 0..<96 { for x in 0..<64 { plane.pixels[y * 256 + 64 + x] = loud.pixels[y * 64 + x] } }
        let without = PageTexture.measure(plane, inkLevel: 14)
        let with = PageTexture.measure(plane, inkLevel: 14, strongLevel: 40)
        for y in [5, 40, 90] {
            #expect(without.isOffPage(10, y) && with.isOffPage(10, y))
            #expect(!without.isOffPage(70, y), "the loud grain hides from the low-threshold measure")
            #expect(with.isOffPage(70, y), "beside the desk, the loud grain is off the page")
            #expect(!with.isOffPage(100, y), "one ring only: the desk is not carried further")
            #expect(!with.isOffPage(150, y) && !with.isOffPage(250, y), "paper stays on the page")
        }
        // The same loud grain away from any desk (a rough patch inside the page) stays on it.
        var lone = Self.page(width: 256, height: 96, deskWidth: 0, grain: 0, seed: 3)
        for y in 0..<96 { for x in 0..<32 { lone.pixels[y * 256 + 128 + x] = loud.pixels[y * 64 + x] } }
        #expect(!PageTexture.measure(lone, inkLevel: 14, strongLevel: 40).isOffPage(140, 40))
    }

    @Test("a photo with the desk in frame reports the ink it left out off the page, and none of it is the digit")
    func offPageReported() throws {
        var style = PhotoSimulator.randomStyle(seed: 21)
        style.width = 800; style.height = 700
        style.centreX = 0.6; style.centreY = 0.55; style.digitField = 280; style.tilt = 0.02
        style.shadow = nil; style.finger = nil; style.ruling = .plain
        style.desk = PhotoDesk(left: 150, top: 90, right: 0, bottom: 0, colour: RGBA(0.35, 0.25, 0.18))
        let canvas = PhotoSimulator.render(coverage: try PhotoSimulator.drawnCoverage(digit: 3, seed: 2), style: style)
        let d = try Preprocessor.run(canvas: canvas, source: "desk photo")
        let photo = try #require(d.photo)
        let page = try #require(photo.page)
        #expect(page.offPage.contains(true), "the desk's blocks are off the page")
        let box = d.boundingBox
        #expect(box.x > 150 && box.y > 90, "the digit's box \(box) lies on the page")
        let plane = try #require(photo.plane)
        // Pixels marked off the page are never kept ink.
        let kept = plane.shrinkMask(d.inkMask)
        for i in photo.dropped.pixels.indices where photo.dropped.pixels[i] == 3 { #expect(!kept[i]) }
        #expect(photo.offPagePixels == photo.dropped.pixels.filter { $0 == 3 }.count)
    }
}

extension WorkingPlane {
    /// Whether each working-plane pixel's centre falls on kept ink (1) of a canvas-size mask.
    func shrinkMask(_ mask: Plane<UInt8>) -> [Bool] {
        (0..<(width * height)).map { i in
            let x = min(canvasWidth - 1, Int((Double(i % width) + 0.5) * scaleX))
            let y = min(canvasHeight - 1, Int((Double(i / width) + 0.5) * scaleY))
            return mask.pixels[y * canvasWidth + x] == 1
        }
    }
}

@Suite("The photo path's 3×3 means")
struct BoxMeanTests {
    @Test("the scaled 3×3 mean matches the per-window reference", arguments: [(1, 1), (1, 5), (6, 1), (2, 2), (37, 23)])
    func scaledMean(width: Int, height: Int) {
        var rng = SplitMix64(seed: UInt64(width * 100 + height))
        let p = Plane(width: width, height: height, pixels: (0..<(width * height)).map { _ in UInt8(rng.int(256)) })
        #expect(PhotoInk.boxMean3Scaled(p) == PhotoInk.boxMean3ScaledReference(p))
        let white = Plane(width: width, height: height, pixels: [UInt8](repeating: 255, count: width * height))
        #expect(PhotoInk.boxMean3Scaled(white).pixels.allSatisfy { $0 == 255 * 36 }, "a flat page stays flat at the edges")
    }
}

@Suite("Selection of the k-th smallest")
struct OrderStatisticTests {
    @Test("select gives sorted()[k] for every k, with ties and sorted inputs", arguments: [1, 2, 7, 64, 257])
    func selectMatchesSorting(count: Int) {
        var rng = SplitMix64(seed: UInt64(count))
        let inputs: [[Float]] = [
            (0..<count).map { _ in Float(rng.int(1000)) }, (0..<count).map { _ in Float(rng.int(3)) },
            (0..<count).map(Float.init), (0..<count).map { Float(count - $0) },
        ]
        for values in inputs {
            let sorted = values.sorted()
            for k in 0..<count {
                var a = values
                #expect(OrderStatistic.select(&a, k) == sorted[k], "k \(k) of \(values.prefix(8))")
                #expect(a.sorted() == sorted, "select only reorders")
                #expect(a[..<k].allSatisfy { $0 <= sorted[k] } && a[(k + 1)...].allSatisfy { $0 >= sorted[k] })
            }
        }
    }
}
