import Foundation
import TestSupport
import Testing

/// `cnnviz predict --json`: one JSON object per input line, in argument order, with `file`,
/// `digit` (the class index), ten `probabilities` summing to 1 and `top2`.
@Suite("cnnviz predict --json", .requiresCNNVizBinary)
struct PredictCLITests {
    /// One line of `predict --json`, decoded strictly: a missing key or a wrong type fails.
    struct Line: Decodable {
        struct Candidate: Decodable {
            var digit: Int
            var probability: Double
        }
        var file: String
        var digit: Int
        var label: String
        var probabilities: [Double]
        var top2: [Candidate]
    }

    @Test("one well-formed object per input, in order, each predicting its bundled digit")
    func objects() throws {
        let specs = ["sample:7", "sample:3", "sample:0"]
        let run = try CNNVizBinary.run(["predict", "--json"] + specs)
        #expect(run.status == 0, "\(run)")
        let lines = run.stdoutLines
        try #require(lines.count == specs.count, "\(run)")
        for (spec, text) in zip(specs, lines) {
            let raw = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "not an object: \(text)")
            #expect(Set(raw.keys).isSuperset(of: ["file", "digit", "label", "probabilities", "top2"]), "\(text)")
            #expect(raw["digit"] is NSNumber && !(raw["digit"] is String))
            let line = try JSONDecoder().decode(Line.self, from: Data(text.utf8))
            #expect(line.file == spec)
            #expect(line.digit == Int(spec.dropFirst("sample:".count)), "\(text)")
            #expect(line.label == String(line.digit), "the label string of the class index: \(text)")
            #expect(line.probabilities.count == 10)
            #expect(line.probabilities.allSatisfy { $0 >= 0 && $0 <= 1 }, "\(text)")
            // Printed with six significant digits: the sum is 1 within rounding.
            #expect(abs(line.probabilities.reduce(0, +) - 1) < 1e-4, "\(text)")
            let argmax = line.probabilities.indices.max { line.probabilities[$0] < line.probabilities[$1] }
            #expect(line.digit == argmax)
            try #require(line.top2.count == 2, "\(text)")
            #expect(line.top2[0].digit == line.digit)
            #expect(line.top2[0].digit != line.top2[1].digit)
            #expect(line.top2[0].probability >= line.top2[1].probability)
            for candidate in line.top2 {
                #expect((0...9).contains(candidate.digit))
                #expect(abs(candidate.probability - line.probabilities[candidate.digit]) < 1e-9, "\(text)")
            }
        }
    }

    @Test("a PNG path is reported under its own name")
    func pngPath() throws {
        let path = Fixtures.digitFile.path
        let run = try CNNVizBinary.run(["predict", "--json", path])
        #expect(run.status == 0, "\(run)")
        let lines = run.stdoutLines
        try #require(lines.count == 1, "\(run)")
        let line = try JSONDecoder().decode(Line.self, from: Data(lines[0].utf8))
        #expect(line.file == path)
        #expect(line.digit == Fixtures.digitClass)
    }
}
