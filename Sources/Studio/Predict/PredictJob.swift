import DigitNet

/// The `predict` job: every argument is resolved and predicted on its own, so one bad file
/// does not stop the others.
public enum PredictJob {
    /// The network type, re-exported so commands need not import DigitNet.
    public typealias Network = DigitNet.Network

    /// The network to predict with: `weights` when given, else the bundled trained weights;
    /// a missing or corrupt file is an error naming it.
    public static func network(weights: String?) throws -> Network {
        try NetworkSource(weights: weights).load()
    }

    /// Predicts each of `specs`, writing one line per input through `emit` (JSON or text) and
    /// each failure through `emitError` (the command prints it on its one error path).
    /// Returns how many inputs failed.
    public static func run(_ specs: [String], network: Network, json: Bool,
                           emit: (String) -> Void, emitError: (any Error) -> Void) -> Int {
        var failures = 0
        let cache = MNISTCache()
        for spec in specs {
            do {
                let input = try resolveInput(spec, mnistCache: cache)
                let prediction = Prediction(input: input, network: network)
                emit(json ? prediction.jsonLine : prediction.textLine)
            } catch {
                failures += 1
                if json { emit(PredictionJSON.errorLine(file: spec, message: error.description)) }
                emitError(error)
            }
        }
        return failures
    }
}
