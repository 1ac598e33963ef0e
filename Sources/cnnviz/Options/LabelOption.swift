import ArgumentParser
import Studio

/// `--label N`: the input's true class, stated by the user. Pictures then mark an answer that
/// disagrees (`label 4 · predicted 9 ✗`). It replaces the label an MNIST input or a bundled
/// sample carries. Shared by `still`, `orbit`, `poster` and `preprocess`.
struct LabelOption: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The input's true class (default: MNIST's label for mnist:…, N for sample:N, none for files).",
            valueName: "N"))
    var label: Int?

    func validate() throws {
        if let label, let problem = SceneRules.label.problem(with: label) {
            throw ValidationError("--label: \(problem)")
        }
    }

    /// `input` with the stated label, checked against the network's classes.
    func applied(to input: DigitInput, classes: Int) throws -> DigitInput {
        guard let label else { return input }
        return try input.labelled(label, classes: classes)
    }
}
