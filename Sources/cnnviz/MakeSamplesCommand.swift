import ArgumentParser
import Studio

/// `cnnviz make-samples`: regenerates the bundled drawn digits in `Scenes/digits/`.
struct MakeSamples: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "make-samples",
        abstract: "Draw the ten bundled sample digits (0.png … 9.png) with Cairo pen strokes, and write their strokes (0.json … 9.json).")

    @Option(name: .shortAndLong, help: "Folder to write into.")
    var output: String = "Scenes/digits"

    func run() throws {
        try Interruptible.run { _ in
            for path in try SampleJob.writeSamples(to: output) { print("wrote \(path)") }
        }
    }
}
