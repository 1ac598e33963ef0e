import DigitNet
import Preprocessing

/// The `predict` job: every argument is resolved and predicted on its own, so one bad file
/// does not stop the others.
public enum PredictJob {
    /// The network type, re-exported so commands need not import DigitNet.
    public typealias Network = DigitNet.Network

    /// Predicts each of `specs`, writing one line per input through `emit` (JSON or text) and
    /// each failure through `emitError` (the command prints it on its one error path).
    /// `weights` names the weights in messages (`the bundled weights`, or the file given).
    /// `options` is how each image is read (`--crop`). Returns how many inputs failed.
    public static func run(
        _ specs: [String], network: Network, weights: String = "the bundled weights", json: Bool,
        options: PreprocessingOptions = PreprocessingOptions(),
        emit: (String) -> Void, emitError: (any Error) -> Void
    ) -> Int {
        var failures = 0
        let cache = MNISTCache()
        for spec in specs {
            do {
                let input = try resolveInput(spec, options: options, mnistCache: cache)
                let prediction = Prediction(input: input, network: network)
                guard prediction.isFinite else { throw NonFiniteOutput(file: spec, weights: weights) }
                emit(json ? prediction.jsonLine : prediction.textLine)
            } catch {
                failures += 1
                if json { emit(PredictionJSON.errorLine(file: spec, message: "\(error)")) }
                emitError(error)
            }
        }
        return failures
    }
}

/// The network's output for an input was not finite (its weights overflow on it); such a
/// result is never printed.
struct NonFiniteOutput: Error, CustomStringConvertible {
    var file: String
    var weights: String
    var description: String {
        "\(weights): the network's output for \(file) is not a finite number (these weights overflow on it)"
    }
}
