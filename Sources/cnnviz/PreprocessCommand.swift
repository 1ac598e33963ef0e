import ArgumentParser
import Foundation
import Studio

extension PaperSize: ExpressibleByArgument {}

/// `cnnviz preprocess IMAGE -o steps.png|.pdf|.svg [--page a4|letter] [--steps-dir DIR]`: the
/// preprocessing sheet.
struct Preprocess: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Illustrate every preprocessing step from the drawn canvas to the 784 network inputs.")

    @Argument(help: "A PNG or JPEG file, mnist:test:INDEX (needs MNIST_DIR) or sample:N (bundled digit N).")
    var image: String

    @Option(name: .shortAndLong, help: "The sheet to write: .png, .pdf or .svg.")
    var output: String

    @Option(name: .long, help: "Also write each step as its own PNG into this folder.")
    var stepsDir: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "A printable portrait page instead of the wide sheet: two rows, equal margins, text at least 6 pt when printed 150 mm wide.",
            valueName: "a4|letter"))
    var page: PaperSize?

    @Option(
        name: .long,
        help: "Pixels per unit for PNG output (the sheet is 2400×700 units, a page its size in points; default 1, or 150 dpi for a page).")
    var scale: Double?

    @OptionGroup var network: NetworkOptions
    @OptionGroup var imageOptions: ImageOptions
    @OptionGroup var label: LabelOption

    func validate() throws {
        guard SheetFormat(path: output) != nil else {
            throw ValidationError("--output must end in .png, .pdf or .svg (got \(output))")
        }
        if let scale, !(scale > 0 && scale <= 8) { throw ValidationError("--scale must be in (0, 8]") }
    }

    func run() throws {
        let network = try network.source.load()
        try Interruptible.run { _ in
            let input = try label.applied(to: resolveInput(image, options: imageOptions.preprocessing()), classes: network.classCount)
            let files = try PreprocessJob.run(
                input: input, network: network, output: output, stepsDirectory: stepsDir,
                scale: scale, page: page)
            for path in files { print("wrote \(path)") }
        }
    }
}
