import Foundation
import Testing

/// Runs a seeded mutation campaign against one reader, in process: each case writes a
/// mutant into a fresh folder (beside any fixture files the reader needs), calls the reader,
/// and records a problem when the reader fails with an untyped error, an error that does not
/// name the file, Foundation's generic text, or when the folder afterwards holds anything
/// other than what was put there (nothing written, nothing deleted, nothing changed).
///
/// A crash (trap, abort) ends the test process, which fails the suite: that is the check for
/// "no signal death". Other issues add their file kinds (model, strokes, JPEG) by calling
/// `run` with their own mutants and readers.
struct MutationCampaign {
    /// Short name for messages, e.g. `png`.
    var kind: String
    /// How many mutants.
    var cases: Int
    /// Seed of the first case; case `i` uses `seed + i` so a failure can be replayed alone.
    var seed: UInt64

    /// What happened over a campaign.
    struct Report: CustomStringConvertible {
        var kind: String
        var accepted = 0
        var rejected = 0
        var problems: [String] = []
        var description: String {
            "\(kind): \(accepted + rejected) cases, \(accepted) still valid, \(rejected) rejected, \(problems.count) problems"
        }
    }

    /// Runs the campaign. `mutant(i, &mutator)` gives case `i`'s bytes for the file named
    /// `fileName`; `fixtures` are written beside it unchanged; `read(folder, path)` is the
    /// reader under test; `isTyped` says whether an error is one of the reader's typed errors.
    func run(
        fileName: String, fixtures: [String: [UInt8]] = [:],
        mutant: (Int, inout Mutator) -> [UInt8],
        read: (_ folder: String, _ path: String) throws -> Void,
        isTyped: (any Error) -> Bool
    ) throws -> Report {
        var report = Report(kind: kind)
        let root = FileManager.default.temporaryDirectory.appendingPathComponent(
            "cnnviz-robustness-\(kind)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try? FileManager.default.removeItem(at: root)
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        for i in 0..<cases {
            var mutator = Mutator(seed: seed &+ UInt64(i))
            let bytes = mutant(i, &mutator)
            let folder = root.appendingPathComponent("case-\(i)").path
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
            var expected = fixtures
            expected[fileName] = bytes
            for (name, content) in expected { try Data(content).write(to: URL(fileURLWithPath: folder).appendingPathComponent(name)) }
            let path = (folder as NSString).appendingPathComponent(fileName)
            do {
                try read(folder, path)
                report.accepted += 1
            } catch {
                report.rejected += 1
                let message = "\(error)"
                if !isTyped(error) {
                    report.problems.append("case \(i) (seed \(seed &+ UInt64(i))): untyped error \(type(of: error)): \(message)")
                }
                if !message.contains(path) && !message.contains(folder) {
                    report.problems.append("case \(i) (seed \(seed &+ UInt64(i))): message does not name the file: \(message)")
                }
                if message.contains("could not be completed") || message.contains("(out of memory)") {
                    report.problems.append("case \(i) (seed \(seed &+ UInt64(i))): unclear message: \(message)")
                }
            }
            let left = Set((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
            if left != Set(expected.keys) {
                report.problems.append("case \(i): folder holds \(left.sorted()), expected \(expected.keys.sorted())")
            }
            for (name, content) in expected {
                let now = FileManager.default.contents(atPath: (folder as NSString).appendingPathComponent(name)).map { [UInt8]($0) }
                if now != content { report.problems.append("case \(i): \(name) was changed or deleted") }
            }
            try? FileManager.default.removeItem(atPath: folder)
        }
        return report
    }
}

extension MutationCampaign.Report {
    /// Records every problem as a test issue and checks the campaign rejected something
    /// (a campaign whose mutants are all accepted tests nothing).
    func expectClean(minimumRejected: Int) {
        print("robustness campaign: \(description)")
        for problem in problems.prefix(20) { Issue.record("\(kind): \(problem)") }
        #expect(problems.isEmpty, "\(description)")
        #expect(rejected >= minimumRejected, "\(description): too few mutants were rejected to mean anything")
    }
}
