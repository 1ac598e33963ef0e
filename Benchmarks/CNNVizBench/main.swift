import Foundation

// Release-build benchmarks: `swift run -c release CNNVizBench [SUITE...]`.
// Each suite lives in its own file and returns Markdown table rows; register it here.
let suites: [(name: String, run: () throws -> [Row])] = [
    ("inference", inferenceSuite),
    ("training", trainingSuite),
    ("preprocess", preprocessSuite),
    ("photo", photoSuite),
    ("render", renderSuite),
    ("orbit", orbitSuite),
]
/// Suites that run only when named (long stress runs, not timings).
let onDemandSuites: [(name: String, run: () throws -> [Row])] = [
    ("text-stress", textStressSuite)
]

// The child process of the text-stress suite.
if CommandLine.arguments.count > 1, CommandLine.arguments[1] == "text-stress-child" {
    do { _ = try textStressChild(Array(CommandLine.arguments.dropFirst(2))) } catch {
        FileHandle.standardError.write("text-stress-child failed: \(error)\n".data(using: .utf8)!)
        exit(1)
    }
    exit(0)
}

let requested = Set(CommandLine.arguments.dropFirst())
var rows: [Row] = []
let chosen =
    suites.filter { requested.isEmpty || requested.contains($0.name) || requested.contains("all") }
    + onDemandSuites.filter { requested.contains($0.name) }
for suite in chosen {
    FileHandle.standardError.write("running \(suite.name)…\n".data(using: .utf8)!)
    do { rows += try suite.run() } catch {
        FileHandle.standardError.write("\(suite.name) failed: \(error)\n".data(using: .utf8)!)
        exit(1)
    }
}
printTable(rows)
