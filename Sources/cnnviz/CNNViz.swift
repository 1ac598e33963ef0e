import ArgumentParser

/// The `cnnviz` command: parses arguments and hands the work to `Studio`.
/// Each subcommand lives in its own file in this folder; add new ones to `subcommands`.
/// Options shared by several commands are groups in `Options/`; every failure leaves through
/// `Errors/CommandFailure.swift`.
@main
struct CNNViz: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cnnviz",
        abstract: "Render a convolutional network reading a hand-drawn digit.",
        discussion: """
            Exit status: 0 success; 1 anything wrong inside a file, with an output path, or at run time; \
            64 the command line itself (unknown flag, bad value); 130/143 interrupted (SIGINT/SIGTERM).
            """,
        subcommands: [
            // one line per subcommand, alphabetical
            Concat.self,
            Describe.self,
            Evaluate.self,
            MakeSamples.self,
            Orbit.self,
            Poster.self,
            Predict.self,
            Preprocess.self,
            Render.self,
            Replay.self,
            Still.self,
            Sweep.self,
            Tour.self,
            Train.self,
        ]
    )

    /// Parses the command line (its problems exit 64 through ArgumentParser, help exits 0),
    /// then runs the command; whatever the command's own work throws goes through
    /// `CommandFailure`.
    static func main() async {
        let command: any ParsableCommand
        do {
            command = try parseAsRoot()
        } catch {
            exit(withError: error)
        }
        do {
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                var command = command
                try command.run()
            }
        } catch  where CommandFailure.isArgumentParserError(error) {
            exit(withError: error)  // help asked for by a command's run(), an ExitCode, a usage error
        } catch {
            CommandFailure.exit(with: error)
        }
    }
}
