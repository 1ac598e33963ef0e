import CairoGraphics
import Renderer
import Testing

/// Ten probabilities with `top` at `digit`, `second` at `runnerUp` and the rest shared.
private func probabilities(_ digit: Int, _ top: Float, _ runnerUp: Int, _ second: Float) -> [Float] {
    let rest = (1 - top - second) / 8
    return (0..<10).map { $0 == digit ? top : ($0 == runnerUp ? second : rest) }
}

@Suite("Verdict: the header's words for confident, uncertain and wrong answers")
struct VerdictTests {
    @Test func confidentAnswerNamesOneDigit() {
        let v = Verdict(probabilities: probabilities(7, 0.9987, 1, 0.001), label: nil)
        #expect(v.kind == .confident)
        #expect(v.headline == "7")
        #expect(v.detail == "99.87 %")
        #expect(v.line == "predicted 7 · 99.87 %")
        #expect(v.mayNameClass)
    }

    @Test func certainAnswerNeverPrintsAHundredPercent() {
        var p = [Float](repeating: 0, count: 10)
        p[3] = 1
        let v = Verdict(probabilities: p, label: 3)
        #expect(v.detail == ">99.99 %")
        #expect(v.line == "label 3 ✓ · predicted 3 · >99.99 %")
    }

    @Test func uncertainAnswerNamesTheTopTwo() {
        let v = Verdict(probabilities: probabilities(9, 0.83, 4, 0.17), label: nil)
        #expect(v.kind == .uncertain)
        #expect(v.headline == "9 or 4?")
        #expect(v.detail.hasPrefix("83.00 % · 17.00 %") || v.detail == "83.00 % · 17.00 %")
        #expect(v.line == "9 or 4? 83.00 % · 17.00 %")
        #expect(!v.mayNameClass)
    }

    @Test func thresholdIsStatedAndSharp() {
        #expect(Verdict.confidenceThreshold == 0.9)
        #expect(Verdict(probabilities: probabilities(2, 0.9, 5, 0.05), label: nil).kind == .confident)
        #expect(Verdict(probabilities: probabilities(2, 0.8999, 5, 0.05), label: nil).kind == .uncertain)
    }

    @Test func wrongAnswerAgainstAKnownLabel() {
        let v = Verdict(probabilities: probabilities(9, 0.9997, 4, 0.0002), label: 4)
        #expect(v.kind == .wrong)
        #expect(v.isWrong)
        #expect(v.headline == "label 4 · predicted 9 ✗")
        #expect(v.line == "label 4 · predicted 9 ✗ (99.97 %)")
        #expect(!v.mayNameClass)
    }

    @Test func wrongWinsOverUncertain() {
        let v = Verdict(probabilities: probabilities(9, 0.6, 4, 0.3), label: 4)
        #expect(v.kind == .wrong)
        #expect(v.isUncertain)
    }

    @Test func uncertainButRightSaysSo() {
        let v = Verdict(probabilities: probabilities(9, 0.6, 4, 0.3), label: 9)
        #expect(v.kind == .uncertain)
        #expect(v.line == "9 or 4? 60.00 % · 30.00 % · label 9 ✓")
    }

    @Test func nanIsNeverConfident() {
        #expect(Verdict(probabilities: [Float.nan, 0.1], label: nil).isUncertain)
    }

    @Test func tiesGoToTheLowerDigit() {
        let v = Verdict(probabilities: [0.1, 0.45, 0.45, 0, 0, 0, 0, 0, 0, 0], label: nil)
        #expect(v.predicted == 1 && v.runnerUp == 2)
    }
}

@Suite("Titles: one scheme, short names, no class")
struct TitleTests {
    @Test(arguments: [
        ("/home/me/drawings/seven.png", "LeNet reading seven.png"),
        ("MNIST test #2130", "LeNet reading MNIST test #2130"),
        ("sample 7", "LeNet reading sample 7"),
        ("relative/dir/four.jpg", "LeNet reading four.jpg"),
    ])
    func readingTitleUsesTheShortName(subject: String, title: String) {
        #expect(Titles.reading(subject) == title)
    }

    @Test func sheetTitleNamesTheInputNotAClass() {
        #expect(Titles.preprocessing("/tmp/x/nine.png") == "Preprocessing nine.png, MNIST-style")
        #expect(!Titles.preprocessing("sample 9").contains("drawn 9"))
    }
}

@Suite("AxisTicks: round values on the bar field's axis")
struct AxisTicksTests {
    @Test(arguments: [
        (7.3, 2.0, 4, ["0", "2", "4", "6", "8"]),
        (10.0, 2.5, 4, ["0.0", "2.5", "5.0", "7.5", "10.0"]),
        (0.83, 0.25, 4, ["0.00", "0.25", "0.50", "0.75", "1.00"]),
        (36.2, 10.0, 4, ["0", "10", "20", "30", "40"]),
        (4.0, 1.0, 4, ["0", "1", "2", "3", "4"]),
        (0.012, 0.005, 3, ["0.000", "0.005", "0.010", "0.015"]),
    ])
    func ticks(maximum: Double, step: Double, count: Int, labels: [String]) {
        let t = AxisTicks(maximum: maximum)
        #expect(abs(t.step - step) < 1e-12)
        #expect(t.count == count)
        #expect(t.top >= maximum)
        #expect(t.values.map(t.label) == labels)
    }

    @Test func flatMaximumStillDraws() {
        let t = AxisTicks(maximum: 0)
        #expect(t.values == [0, 1])
    }
}

@Suite("CrispSVG: every embedded image marked pixelated")
struct CrispSVGTests {
    @Test func marksEveryImageOnce() {
        let svg = """
            <svg><image width="28" height="28" xlink:href="data:image/png;base64,AAAA"/>
            <g><image
             width="5" style="opacity:0.5" xlink:href="x"/></g><imagery/></svg>
            """
        let marked = CrispSVG.marked(svg)
        #expect(CrispSVG.imageCounts(svg) == (images: 2, crisp: 0))
        #expect(CrispSVG.imageCounts(marked) == (images: 2, crisp: 2))
        #expect(marked.contains(#"style="image-rendering:optimizeSpeed;image-rendering:pixelated;opacity:0.5""#))
        #expect(marked.components(separatedBy: #"image-rendering="optimizeSpeed""#).count == 3)
        #expect(marked.contains("<imagery/>"))
        // Marking twice changes nothing.
        #expect(CrispSVG.marked(marked) == marked)
    }
}

@Suite("PixelCells: small rasters as rectangles in SVG")
struct PixelCellsTests {
    @Test func runsMergeEqualCellsAndUnpremultiply() {
        // Row 0: red, red, half-transparent white (premultiplied 128); row 1: transparent, blue, blue.
        let bgra: [UInt8] = [
            0, 0, 255, 255, 0, 0, 255, 255, 128, 128, 128, 128,
            0, 0, 0, 0, 255, 0, 0, 255, 255, 0, 0, 255,
        ]
        let runs = PixelCells.runs(bgra: bgra, width: 3, height: 2)
        #expect(runs.count == 3)
        #expect(runs[0].row == 0 && runs[0].column == 0 && runs[0].length == 2 && runs[0].colour.r == 1)
        #expect(runs[1].length == 1 && abs(runs[1].colour.g - 1) < 0.01 && abs(runs[1].colour.a - 128.0 / 255) < 1e-9)
        #expect(runs[2].row == 1 && runs[2].column == 1 && runs[2].length == 2 && runs[2].colour.b == 1)
    }

    @Test func shortBufferGivesNoRuns() {
        #expect(PixelCells.runs(bgra: [0, 0, 0], width: 2, height: 2).isEmpty)
    }
}
