import DigitNet
import DigitTraining
import Foundation
import Support

/// How a training run is asked for on the command line.
public struct TrainingRequest: Sendable {
    public var mnistDirectory: String
    public var output: String
    public var options: TrainingOptions
    /// Train on the first N training images only (nil: all 60,000).
    public var limit: Int?
    /// A model file whose architecture to train (nil: the bundled LeNet's); its weights are
    /// not read, training starts from the seed.
    public var model: String?
    /// Hold the last N training images out of training and measure them after every epoch
    /// instead of the test set (nil: train on all of them and report the test set).
    public var holdout: Int?

    public init(
        mnistDirectory: String, output: String, options: TrainingOptions, limit: Int? = nil, model: String? = nil,
        holdout: Int? = nil
    ) {
        self.mnistDirectory = mnistDirectory
        self.output = output
        self.options = options
        self.limit = limit
        self.model = model
        self.holdout = holdout
    }
}

/// Training and evaluation jobs behind `cnnviz train` and `cnnviz evaluate`.
public enum TrainingJobs {
    /// Trains the model file's architecture (the bundled LeNet's without one) from its seed,
    /// printing one progress line per epoch through `log`, and writes the weights atomically
    /// to `request.output` with PyTorch's `state_dict` names (batch norms' running statistics
    /// and `num_batches_tracked` included). Digits are area-resampled when the model's input
    /// is not 28×28. The file depends only on the options and the build (no times in it).
    /// Returns the final report on the test set, or with ``TrainingRequest/holdout`` on the
    /// held-out training images (the test set is then never read). Stops between epochs with
    /// `interrupted` when `cancel` is set.
    public static func train(
        _ request: TrainingRequest, cancel: CancellationFlag = CancellationFlag(),
        log: (String) -> Void
    ) throws -> EvaluationReport {
        let architecture = try mnistArchitecture(NetworkSource(model: request.model))
        var train = try MNIST.load(directory: request.mnistDirectory, split: .train)
        if let limit = request.limit { train = train.prefix(limit) }
        let measured: MNISTSet
        let setName: String
        if let holdout = request.holdout {
            (train, measured) = try train.holdingOut(last: holdout)
            setName = "holdout"
        } else {
            measured = try MNIST.load(directory: request.mnistDirectory, split: .test)
            setName = "test"
        }
        // Refuse an output path cnnviz may not replace before minutes of training, not after.
        let staged = try StagedOutput(path: request.output)
        let trainer = try Trainer(network: Network(architecture, weights: .initial(seed: request.options.seed)), options: request.options)
        let started = Date()
        var report = Evaluator.evaluate(trainer.network, on: measured)
        for epoch in 1...Swift.max(request.options.epochs, 1) where request.options.epochs > 0 {
            if cancel.isCancelled {
                staged.discard()
                throw StudioError.interrupted
            }
            let e = try trainer.trainEpoch(epoch, data: train)
            report = Evaluator.evaluate(trainer.network, on: measured)
            // With weight averaging, the average so far is measured too (reported, never used
            // to choose anything: the run always writes the average over the fixed window).
            var averaged = ""
            if let average = trainer.averagedNetwork {
                averaged = String(format: "  average %.2f%%", Evaluator.evaluate(average, on: measured).accuracy * 100)
            }
            log(
                String(
                    format: "epoch %2d/%d  loss %.4f  train %.2f%%  %@ %.2f%%%@  lr %.2e  %.1f s",
                    epoch, request.options.epochs, e.meanLoss, e.trainAccuracy * 100, setName, report.accuracy * 100,
                    averaged, Double(e.learningRate), e.seconds))
            if request.holdout != nil { logComparedAverages(trainer, on: measured, epoch: epoch, log: log) }
        }
        let final = trainer.finalNetwork
        if trainer.averagedNetwork != nil { report = Evaluator.evaluate(final, on: measured) }
        let minutes = Date().timeIntervalSince(started) / 60
        let o = request.options
        var extra: [String: String] = [:]
        if o.averageEpochs > 0 { extra["weight_averaging"] = "mean of every step of the last \(o.averageEpochs) epochs" }
        if request.holdout != nil {
            extra["holdout_images"] = String(measured.count)
            extra["holdout_accuracy"] = String(format: "%.4f", report.accuracy)
        } else {
            extra["test_accuracy"] = String(format: "%.4f", report.accuracy)
        }
        do {
            try final.write(
                to: staged.staging,
                extra: extra.merging([
                    "model": architecture.name,
                    "trained_by": "cnnviz train",
                    "epochs": String(o.epochs), "seed": String(o.seed), "batch_size": String(o.batchSize),
                    "optimizer": "adam lr \(o.learningRate) cosine to \(o.finalLearningRate)",
                    "augmentation": augmentationName(o.augmentation),
                    "train_images": String(train.count),
                ]) { a, _ in a }, batchesTracked: trainer.batchesTracked)
        } catch {
            let failure = staged.failure(error, errno: errno)
            staged.discard()
            throw failure
        }
        try staged.commit()
        log(
            String(
                format: "wrote %@ (%@ accuracy %.2f%%, %.1f min)", request.output, setName, report.accuracy * 100, minutes))
        return report
    }

    /// The `augmentation` metadata: `none`, `affine`, or `affine + elastic alpha A sigma S`.
    static func augmentationName(_ augmentation: Augmentation?) -> String {
        guard let augmentation else { return "none" }
        guard let e = augmentation.elastic else { return "affine" }
        return "affine + elastic alpha \(e.alpha) sigma \(e.sigma)"
    }

    /// One line per compared averaging window that has started: the held-out accuracy of the
    /// mean of the weights over the last K epochs so far (`K=5 99.41% (9941/10000)`).
    static func logComparedAverages(_ trainer: Trainer, on holdout: MNISTSet, epoch: Int, log: (String) -> Void) {
        var parts: [String] = []
        for k in trainer.options.comparedAverageEpochs.sorted() {
            guard let network = trainer.comparedAverage(lastEpochs: k) else { continue }
            let r = Evaluator.evaluate(network, on: holdout)
            parts.append(
                String(format: "last %d: %.2f%% (%d/%d)", k, r.accuracy * 100, r.count - r.mistakes.count, r.count))
        }
        if !parts.isEmpty { log(String(format: "          holdout, averages after epoch %d: ", epoch) + parts.joined(separator: ", ")) }
    }

    /// Evaluates weights on the 10,000 test images, or on all 70,000 when `all`.
    public static func evaluate(mnistDirectory: String, weights: String?, all: Bool) throws -> EvaluationReport {
        try evaluate(mnistDirectory: mnistDirectory, network: NetworkSource(weights: weights), all: all)
    }

    /// Evaluates the network `source` names on the test images (all 70,000 when `all`); digits
    /// are area-resampled when its input is not 28×28.
    public static func evaluate(mnistDirectory: String, network source: NetworkSource, all: Bool) throws -> EvaluationReport {
        _ = try mnistArchitecture(source)
        let network = try source.load()
        var set = try MNIST.load(directory: mnistDirectory, split: .test)
        if all { set = try MNIST.load(directory: mnistDirectory, split: .train) + set }
        return Evaluator.evaluate(network, on: set)
    }

    /// The architecture `source` names, checked to read MNIST: one input channel and ten
    /// outputs (an error at the model file's `input` or `labels` otherwise).
    static func mnistArchitecture(_ source: NetworkSource) throws -> Architecture {
        let architecture = try source.architecture()
        let file = source.model ?? "the bundled model"
        guard architecture.inputShape[0] == 1 else {
            throw ModelFileError(
                location: FileLocation(file: file), keyPath: "input",
                message: "MNIST digits have one channel, the model's input has \(architecture.inputShape[0])")
        }
        guard architecture.labels.count == 10 else {
            throw ModelFileError(
                location: FileLocation(file: file), keyPath: "labels",
                message: "MNIST has 10 classes, the model has \(architecture.labels.count) labels")
        }
        return architecture
    }

    /// The report as one JSON object: `{"accuracy","count","confusion","most_confused"}`.
    public static func json(_ report: EvaluationReport) -> String {
        let confusion = report.confusion.map { "[" + $0.map(String.init).joined(separator: ",") + "]" }.joined(separator: ",")
        let pairs = report.mostConfused().map { "{\"truth\":\($0.truth),\"predicted\":\($0.predicted),\"count\":\($0.count)}" }
        return
            "{\"accuracy\":\(String(format: "%.4f", report.accuracy)),\"count\":\(report.count),\"confusion\":[\(confusion)],\"most_confused\":[\(pairs.joined(separator: ","))]}"
    }

    /// A human-readable report: accuracy, confusion matrix, most-confused pairs.
    public static func text(_ report: EvaluationReport) -> String {
        var lines = [
            String(
                format: "accuracy %.2f%% (%d of %d correct)", report.accuracy * 100,
                report.count - report.mistakes.count, report.count)
        ]
        lines.append("confusion (rows: true digit, columns: predicted)")
        lines.append("      " + (0..<10).map { String(format: "%5d", $0) }.joined())
        for (t, row) in report.confusion.enumerated() {
            lines.append(String(format: "  %d | ", t) + row.map { String(format: "%5d", $0) }.joined())
        }
        let pairs = report.mostConfused().map { "\($0.truth)→\($0.predicted) ×\($0.count)" }
        lines.append("most confused: " + (pairs.isEmpty ? "none" : pairs.joined(separator: ", ")))
        return lines.joined(separator: "\n")
    }
}
