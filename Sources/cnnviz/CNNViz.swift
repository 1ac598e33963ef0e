import ArgumentParser

/// The `cnnviz` command: parses arguments and hands the work to `Studio`.
/// Each subcommand lives in its own file in this folder; add new ones to `subcommands`.
@main
struct CNNViz: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cnnviz",
        abstract: "Render a convolutional network reading a hand-drawn digit.",
        subcommands: [
            // one line per subcommand, alphabetical
            Concat.self,
            Evaluate.self,
            MakeSamples.self,
            Orbit.self,
            Poster.self,
            Predict.self,
            Preprocess.self,
            Render.self,
            Still.self,
            Train.self,
        ]
    )
}
