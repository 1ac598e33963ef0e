import ArgumentParser
import Studio

/// Which network a command runs; shared by every command that runs one (`orbit`, `render`,
/// `still`, `poster`, `preprocess`, `predict`, `evaluate`).
///
/// The own-network issue adds `--model FILE.yaml` here, beside `--weights`, and to
/// `NetworkSource`; no command declares either option itself.
struct NetworkOptions: ParsableArguments {
    /// A safetensors weights file for the bundled architecture; nil for the bundled trained weights.
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Weights file (.safetensors; default: the bundled trained weights).",
            valueName: "file"))
    var weights: String?

    // `--model FILE.yaml` (the own-network issue) goes here.

    /// The network these options name.
    var source: NetworkSource { NetworkSource(weights: weights) }
}
