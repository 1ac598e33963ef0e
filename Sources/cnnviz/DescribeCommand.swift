import ArgumentParser
import Studio

/// `cnnviz describe`: the architecture table of the bundled LeNet or of a model file.
struct Describe: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print a network's architecture: stage, operation, output shape, parameters, receptive field.")

    @Option(
        name: .long,
        help: ArgumentHelp("Model file (.yaml; default: the bundled LeNet).", valueName: "file"))
    var model: String?

    @Flag(name: .long, help: "Print one JSON object {name, input, labels, parameters, stages:[…]}.")
    var json = false

    func run() throws {
        let description = try ModelDescription(NetworkSource(model: model).architecture())
        print(json ? description.json : description.text)
    }
}
