import DigitNet
import Foundation
import Studio
import TestSupport
import Testing

/// Sweeps: the --vary grammar and what the bundled 7 does when rotated.
@Suite("Sweeps")
struct SweepTests {
    @Test("KIND:FROM:TO parses; bad kinds, equal ends and out-of-range amounts are refused with the reason")
    func parse() throws {
        #expect(try SweepRange.parse("rotate:-60:60").get() == SweepRange(.rotate, from: -60, to: 60))
        #expect(try SweepRange.parse("scale:0.5:1.5").get() == SweepRange(.scale, from: 0.5, to: 1.5))
        for (text, reason) in [
            ("spin:0:1", "KIND one of"), ("rotate:0", "KIND:FROM:TO"), ("rotate:a:1", "numbers"), ("erase:0:0", "differ"),
            ("erase:0:2", "0.0…1.0"), ("rotate:0:nan", "numbers"),
        ] {
            guard case .failure(let error) = SweepRange.parse(text) else {
                Issue.record("\(text) parsed")
                continue
            }
            #expect(error.description.contains(reason), "\(text): \(error)")
        }
    }

    @Test("the bundled 7 stays a 7 upright, stops being a 7 rotated clockwise past about 45° and ends up a 2")
    func rotatedSeven() throws {
        let input = try resolveInput("sample:7", currentDirectory: Fixtures.repositoryRoot.path)
        let analysis = SweepAnalysis(
            input: input.image.data, range: SweepRange(.rotate, from: 0, to: 90), steps: 91, network: try Fixtures.network())
        let first = try #require(analysis.flips.first)
        #expect(first.from == 7 && first.to != 7)
        #expect(first.amount > 35 && first.amount < 55)
        #expect(analysis.flips.contains { $0.to == 2 && $0.amount < 60 }, "\(analysis.flips)")
        #expect(analysis.plotted.contains(7) && analysis.plotted.count == 3)
    }
}
