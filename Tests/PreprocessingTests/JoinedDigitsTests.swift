import CairoGraphics
import DigitNet
import DigitSamples
import DigitTraining
import Foundation
import Preprocessing
import Support
import TestSupport
import Testing

/// Two MNIST digits written as one number: side by side, the second pushed left until its ink
/// overlaps the first's by `overlap` columns (so most pairs touch), on a 28×56 coverage.
func mnistPair(_ a: Tensor, _ b: Tensor, overlap: Int) -> Plane<Float> {
    func columns(_ t: Tensor) -> (first: Int, last: Int) {
        var first = 28, last = -1
        for y in 0..<28 { for x in 0..<28 where t.data[y * 28 + x] > 0.3 { first = min(first, x); last = max(last, x) } }
        return (first, max(first, last))
    }
    let (ca, cb) = (columns(a), columns(b))
    // Centre the pair in the 56-wide plane.
    let widthA = ca.last - ca.first + 1, widthB = cb.last - cb.first + 1
    let total = widthA + widthB - overlap
    let startA = max(0, (56 - total) / 2) - ca.first
    let startB = startA + ca.last + 1 - overlap - cb.first
    var pixels = [Float](repeating: 0, count: 28 * 56)
    for y in 0..<28 {
        for x in 0..<28 {
            if (0..<56).contains(startA + x) { pixels[y * 56 + startA + x] = max(pixels[y * 56 + startA + x], a.data[y * 28 + x]) }
            if (0..<56).contains(startB + x) { pixels[y * 56 + startB + x] = max(pixels[y * 56 + startB + x], b.data[y * 28 + x]) }
        }
    }
    return Plane(width: 56, height: 28, pixels: pixels)
}

@Suite("Numbers written joined")
struct JoinedDigitsTests {
    @Test("a hand-drawn joined \"12\" is refused as two digits; a wide 7, 4, 0 and 2 are not")
    func drawnTwelve() throws {
        let twelve = try Draw.canvas(420, 260) { cr in
            Draw.line(cr, [(70, 80), (110, 40), (110, 220), (150, 220)])  // the 1 with its foot…
            Draw.line(cr, [(170, 80), (230, 40), (300, 60), (300, 120), (150, 220), (330, 220)])  // …touching the 2's base
        }
        var caught: PreprocessingError?
        do { _ = try Preprocessor.run(canvas: twelve, source: "twelve.png") } catch { caught = error }
        guard case let .severalDigits(_, boxes)? = caught else {
            Issue.record("joined 12: expected severalDigits, got \(String(describing: caught))")
            return
        }
        #expect(boxes.count == 2)
        #expect(boxes.first.map { $0.maxX <= 200 } == true, "\(boxes)")
        let ring: [(Double, Double)] = (0...48).map { k in
            let a = Double(k) * Double.pi / 24
            return (210 + 150 * cos(a), 130 + 95 * sin(a))
        }
        let seven = try Draw.canvas(420, 260) { Draw.line($0, [(60, 40), (360, 40), (200, 220)]) }
        let four = try Draw.canvas(420, 260) { cr in
            Draw.line(cr, [(120, 30), (60, 160), (360, 160)])
            Draw.line(cr, [(280, 60), (280, 230)])
        }
        let zero = try Draw.canvas(420, 260) { Draw.line($0, ring) }
        let two = try Draw.canvas(420, 260) { Draw.line($0, [(80, 80), (200, 30), (330, 80), (80, 220), (360, 220)]) }
        let wide: [(String, Canvas)] = [("7", seven), ("4", four), ("0", zero), ("2", two)]
        for (name, canvas) in wide { expectWellFormed(try Preprocessor.run(canvas: canvas, source: "wide \(name)")) }
    }

    @Test("joined MNIST pairs, drawn and photographed: the wide ones are refused as several digits", .requiresMNIST)
    func mnistPairs() throws {
        let set = try TestData.mnistTest()
        var refused = 0, total = 0, missed: [String] = []
        for k in 0..<20 {
            let (i, j) = (2 * k, 2 * k + 1)
            let coverage = mnistPair(set.image(i), set.image(j), overlap: 1)
            var style = PhotoSimulator.randomStyle(seed: 7700 &+ UInt64(k))
            style.digitField = min(2 * style.digitField, 0.85 * Double(style.width))
            style.centreX = 0.5
            let photo = PhotoSimulator.render(coverage: coverage, style: style)
            for (name, canvas) in [("drawn", pairCanvas(coverage)), ("photo", photo)] {
                total += 1
                do {
                    _ = try Preprocessor.run(canvas: canvas, source: name)
                    missed.append("\(name) \(set.labels[i])\(set.labels[j]) [\(style.conditions)]")
                } catch {
                    if case .severalDigits = error {
                        refused += 1
                    } else {
                        missed.append("\(name) \(set.labels[i])\(set.labels[j]): \(error)")
                    }
                }
            }
        }
        let share = Double(refused) / Double(total)
        print(
            String(format: "joined MNIST pairs refused: %.1f %% (%d/%d)", share * 100, refused, total) + "; read: "
                + missed.joined(separator: "; "))
        // Pairs wider than 1.3× their height are caught; narrow ones (a "1" beside another
        // digit) are read as one digit (see JoinedDigits).
        #expect(share >= 0.2)
    }

    /// A pair's coverage drawn ×8, black on white, on a page with a margin.
    func pairCanvas(_ coverage: Plane<Float>) -> Canvas {
        let big = Resample.resize(coverage, width: coverage.width * 8, height: coverage.height * 8)
        let (w, h) = (big.width + 120, big.height + 120)
        var bgra = [UInt8](repeating: 255, count: w * h * 4)
        for y in 0..<big.height {
            for x in 0..<big.width {
                let g = UInt8((255 * (1 - max(0, min(1, big.pixels[y * big.width + x])))).rounded())
                let i = 4 * ((y + 60) * w + x + 60)
                bgra[i] = g; bgra[i + 1] = g; bgra[i + 2] = g
            }
        }
        return Canvas(width: w, height: h, bgra: bgra)
    }
}
