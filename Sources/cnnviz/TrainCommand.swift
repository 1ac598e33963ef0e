import ArgumentParser
import DigitTraining
import Foundation
import Studio

/// `cnnviz train`: trains a network (the bundled LeNet, or `--model FILE.yaml`) on MNIST from
/// a seed and writes safetensors weights with PyTorch's names.
struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train the network on MNIST and write its weights (safetensors).")

    @Option(name: .long, help: "Folder with the MNIST IDX files (gzip'd or raw).")
    var mnist: String

    @Option(name: .long, help: "Passes over the training set.")
    var epochs: Int = 15

    @Option(name: .long, help: "Seed for initial weights, shuffling and augmentation.")
    var seed: UInt64 = 1

    @Option(name: .long, help: "Images per mini-batch.")
    var batchSize: Int = 64

    @Option(name: .long, help: "Initial Adam learning rate (cosine decay).")
    var learningRate: Float = 2e-3

    @Option(name: .long, help: "Train on the first N training images only.")
    var limit: Int?

    @Flag(name: .long, help: "Train without random distortions.")
    var noAugment = false

    @Option(
        name: .long,
        help:
            "Write the mean of the weights after every step of the last N epochs (stochastic weight averaging; 0: the last step's weights)."
    )
    var averageEpochs: Int = 0

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Model file (.yaml) whose architecture to train (default: the bundled LeNet); its weights file is not read.",
            valueName: "file"))
    var model: String?

    @Option(name: .shortAndLong, help: "Where to write the weights (.safetensors).")
    var output: String

    func validate() throws {
        guard epochs >= 1 else { throw ValidationError("--epochs must be at least 1") }
        guard batchSize >= 1 else { throw ValidationError("--batch-size must be at least 1") }
        guard learningRate > 0 else { throw ValidationError("--learning-rate must be positive") }
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
        guard (0...epochs).contains(averageEpochs) else {
            throw ValidationError("--average-epochs must be between 0 and --epochs (\(epochs))")
        }
    }

    func run() throws {
        var options = TrainingOptions()
        options.epochs = epochs
        options.seed = seed
        options.batchSize = batchSize
        options.learningRate = learningRate
        options.averageEpochs = averageEpochs
        if noAugment { options.augmentation = nil }
        let request = TrainingRequest(mnistDirectory: mnist, output: output, options: options, limit: limit, model: model)
        try Interruptible.run { cancel in
            _ = try TrainingJobs.train(request, cancel: cancel) { line in
                print(line)
                fflush(nil)
            }
        }
    }
}
