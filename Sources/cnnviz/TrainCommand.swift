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

    @Option(name: .long, help: "Learning rate the cosine decay ends at (after the last step).")
    var finalLearningRate: Float = 1e-5

    @Option(name: .long, help: "Train on the first N training images only.")
    var limit: Int?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Hold the last N of the training images (all 60,000, or the first --limit) out of training and report their accuracy after every epoch instead of the test set's, which is then not read (to choose a recipe without the test set).",
            valueName: "n"))
    var holdout: Int?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "With --holdout: also report after every epoch the hold-out accuracy of the mean of the weights over the last K epochs, for each K of a comma-separated list (e.g. 1,5,10,15); compared only, the written weights are still --average-epochs'.",
            valueName: "k,k,..."))
    var compareAverages: String?

    @Flag(name: .long, help: "Train without random distortions.")
    var noAugment = false

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Also bend every training image with an elastic distortion (Simard et al. 2003): a random displacement field smoothed by a Gaussian of SIGMA pixels and scaled by ALPHA, in the same resampling as the affine distortion (e.g. 12,4; alpha 0...100, sigma 0.5...10). Default: affine only.",
            valueName: "alpha,sigma"))
    var elastic: String?

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
        guard finalLearningRate >= 0, finalLearningRate <= learningRate else {
            throw ValidationError("--final-learning-rate must be between 0 and --learning-rate (\(learningRate))")
        }
        if let holdout {
            let images = limit ?? 60_000
            guard (1..<images).contains(holdout) else {
                throw ValidationError(
                    "--holdout must be between 1 and \(images - 1) images (training uses \(limit == nil ? "all 60,000" : "the first \(images) with --limit")), not \(holdout)"
                )
            }
        }
        if elastic != nil {
            guard !noAugment else {
                throw ValidationError("--elastic bends the affine distortion's resampling; it cannot be combined with --no-augment")
            }
            _ = try elasticDistortion()
        }
        if compareAverages != nil {
            guard holdout != nil else {
                throw ValidationError(
                    "--compare-averages needs --holdout (averages are compared on held-out training images, never on the test set)")
            }
            _ = try comparedWindows()
        }
    }

    /// The window lengths of `--compare-averages`, each in 1...epochs.
    func comparedWindows() throws -> [Int] {
        guard let compareAverages else { return [] }
        let items = compareAverages.split(separator: ",", omittingEmptySubsequences: false)
        return try items.map { item in
            let text = item.trimmingCharacters(in: .whitespaces)
            guard let k = Int(text), (1...epochs).contains(k) else {
                throw ValidationError(
                    "--compare-averages: '\(text)' is not a number of epochs between 1 and --epochs (\(epochs))")
            }
            return k
        }
    }

    /// The distortion of `--elastic ALPHA,SIGMA` (nil without the option).
    func elasticDistortion() throws -> ElasticDistortion? {
        guard let elastic else { return nil }
        let items = elastic.split(separator: ",", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        guard items.count == 2, let alpha = Float(items[0]), let sigma = Float(items[1]) else {
            throw ValidationError("--elastic: expected two numbers ALPHA,SIGMA (e.g. 12,4), not '\(elastic)'")
        }
        do {
            return try ElasticDistortion(alpha: alpha, sigma: sigma)
        } catch {
            throw ValidationError("--elastic: \(Self.reason(error))")
        }
    }

    /// The reason inside a training error, without its prefix.
    private static func reason(_ error: TrainingError) -> String {
        switch error {
        case let .invalidOption(r), let .unsupportedNetwork(r), let .emptyData(r): return r
        }
    }

    func run() throws {
        var options = TrainingOptions()
        options.epochs = epochs
        options.seed = seed
        options.batchSize = batchSize
        options.learningRate = learningRate
        options.finalLearningRate = finalLearningRate
        options.averageEpochs = averageEpochs
        options.comparedAverageEpochs = try comparedWindows()
        if noAugment { options.augmentation = nil }
        if let elastic = try elasticDistortion() { options.augmentation?.elastic = elastic }
        let request = TrainingRequest(mnistDirectory: mnist, output: output, options: options, limit: limit, model: model, holdout: holdout)
        try Interruptible.run { cancel in
            _ = try TrainingJobs.train(request, cancel: cancel) { line in
                print(line)
                fflush(nil)
            }
        }
    }
}
