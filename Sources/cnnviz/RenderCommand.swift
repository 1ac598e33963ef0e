import ArgumentParser
import Foundation
import Studio

/// `cnnviz render SCENE.yaml...`: everything each scene file asks for.
struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Render every output (orbit, poster, preprocess) each scene file asks for.")

    @Argument(help: "Scene files (YAML), e.g. Scenes/orbit.yaml.")
    var scenes: [String] = []

    @OptionGroup var network: NetworkOptions
    @OptionGroup var flags: RenderFlags

    func validate() throws {
        guard !scenes.isEmpty else { throw ValidationError("give at least one SCENE file") }
    }

    func run() throws {
        let options = flags.renderOptions(network: network.source)
        try Interruptible.run { cancel in
            for scene in scenes {
                try SceneRenderJob.run(path: scene, options: options, cancel: cancel, log: flags.log)
            }
        }
    }
}
