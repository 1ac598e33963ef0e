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

let requested = Set(CommandLine.arguments.dropFirst())
var rows: [Row] = []
for suite in suites where requested.isEmpty || requested.contains(suite.name) || requested.contains("all") {
    FileHandle.standardError.write("running \(suite.name)…\n".data(using: .utf8)!)
    do { rows += try suite.run() } catch {
        FileHandle.standardError.write("\(suite.name) failed: \(error)\n".data(using: .utf8)!)
        exit(1)
    }
}
printTable(rows)
