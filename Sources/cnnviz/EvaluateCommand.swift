import ArgumentParser
import Studio

/// `cnnviz evaluate`: accuracy and confusion matrix on the MNIST test set.
struct Evaluate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure accuracy on MNIST's 10,000 test images (or all 70,000).")

    @Option(name: .long, help: "Folder with the MNIST IDX files.")
    var mnist: String

    @OptionGroup var network: NetworkOptions

    @Flag(name: .long, help: "Evaluate on all 70,000 images (train + test), as the original app reported.")
    var all = false

    @Flag(name: .long, help: "Print one JSON object with accuracy, count and confusion.")
    var json = false

    func run() throws {
        let report = try TrainingJobs.evaluate(mnistDirectory: mnist, network: network.source, all: all)
        print(json ? TrainingJobs.json(report) : TrainingJobs.text(report))
    }
}
