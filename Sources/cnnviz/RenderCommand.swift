import ArgumentParser
import Foundation
import Studio

/// `cnnviz render SCENE.yaml...`: everything each scene file asks for.
struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Render every output (orbit, tour, poster, preprocess) each scene file asks for.")

    @Argument(help: "Scene files (YAML), e.g. Scenes/orbit.yaml.")
    var scenes: [String] = []

    @Flag(name: .long, help: "Validate the scenes, model and input and print each tour's shot timeline; render nothing.")
    var check = false

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Write only the frame at T seconds of each tour and orbit, as NAME.preview.png beside its output.",
            valueName: "T"))
    var preview: Double?

    @OptionGroup var network: NetworkOptions
    @OptionGroup var flags: RenderFlags

    func validate() throws {
        guard !scenes.isEmpty else { throw ValidationError("give at least one SCENE file") }
        if let preview, !(preview.isFinite && preview >= 0) {
            throw ValidationError("--preview: expected a time in seconds ≥ 0, got \(preview)")
        }
        if check && preview != nil { throw ValidationError("--check and --preview: choose one") }
    }

    func run() throws {
        let options = flags.renderOptions(network: network.source)
        if check {
            for scene in scenes { print(try SceneCheck.check(path: scene, options: options)) }
            return
        }
        if let preview {
            for scene in scenes {
                for file in try SceneCheck.preview(path: scene, time: preview, options: options) { flags.log("wrote \(file)") }
            }
            return
        }
        try Interruptible.run { cancel in
            for scene in scenes {
                try SceneRenderJob.run(path: scene, options: options, cancel: cancel, log: flags.log)
            }
        }
    }
}
