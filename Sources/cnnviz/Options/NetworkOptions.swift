import ArgumentParser
import Studio

/// Which network a command runs; shared by every command that runs one (`orbit`, `render`,
/// `still`, `poster`, `preprocess`, `predict`, `evaluate`).
///
/// `--model FILE.yaml` names a model file, `--weights` a weights file (overriding the model's);
/// no command declares either option itself.
struct NetworkOptions: ParsableArguments {
    /// A safetensors weights file for the architecture; nil for the model's (or the bundled) weights.
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Weights file (.safetensors; default: the bundled trained weights).",
            valueName: "file"))
    var weights: String?

    /// A model file (YAML) describing the network; nil for the bundled LeNet.
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Model file (.yaml: input, layers, labels, weights; default: the bundled LeNet). --weights overrides its weights.",
            valueName: "file"))
    var model: String?

    /// The network these options name.
    var source: NetworkSource { NetworkSource(model: model, weights: weights) }
}
