import ArgumentParser
import Foundation
import Studio

/// `cnnviz still IMAGE -o FILE.png [--size WxH] [--yaw D] [--elevation D]`: one frame of the
/// whole network.
struct Still: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Render one still frame of the whole network reading IMAGE (PNG output).")

    @Argument(help: "PNG file, mnist:test:INDEX (needs MNIST_DIR) or sample:N.")
    var image: String

    @Option(name: .shortAndLong, help: "Output PNG file.")
    var output: String

    @Option(name: .long, help: "Frame size WIDTHxHEIGHT.")
    var size: String = "1920x1080"

    @Option(name: .long, help: "Camera yaw in degrees (0 = side view, negative = toward the input).")
    var yaw: Double = -35

    @Option(name: .long, help: "Camera elevation in degrees.")
    var elevation: Double = 20

    @Option(name: .long, help: "Forward-pass progress 0…1 (default: every layer lit).")
    var reveal: Double?

    @Flag(name: .long, help: "Leave the background transparent.")
    var transparent = false

    @Option(name: .long, help: "Weights file (default: the bundled trained weights).")
    var weights: String?

    func validate() throws {
        guard FrameSizeOption.parse(size) != nil else { throw ValidationError("--size must look like 1920x1080, got \(size)") }
        guard output.lowercased().hasSuffix(".png") else { throw ValidationError("-o must name a .png file, got \(output)") }
        if let reveal, !(0...1).contains(reveal) { throw ValidationError("--reveal must be in 0…1, got \(reveal)") }
        guard (-90...90).contains(elevation) else { throw ValidationError("--elevation must be in −90…90, got \(elevation)") }
    }

    func run() throws {
        let network = try Predict.loadNetwork(weights)
        var options = StillJob.Options()
        if let (w, h) = FrameSizeOption.parse(size) { options.width = w; options.height = h }
        options.yaw = yaw
        options.elevation = elevation
        options.reveal = reveal
        options.style.transparentBackground = transparent
        try Interruptible.run { _ in
            let input = try resolveInput(image)
            try StillJob.run(input: input, network: network, output: output, options: options)
        }
    }
}

/// Parses `WIDTHxHEIGHT` (each 16…8192).
enum FrameSizeOption {
    static func parse(_ text: String) -> (Int, Int)? {
        let parts = text.lowercased().split(separator: "x")
        guard parts.count == 2, let w = Int(parts[0]), let h = Int(parts[1]),
              (16...8192).contains(w), (16...8192).contains(h) else { return nil }
        return (w, h)
    }
}
