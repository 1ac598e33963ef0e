import ArgumentParser
import Foundation
import Studio

/// `cnnviz render SCENE.yaml...`: everything each scene file asks for.
struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Render every output (orbit, poster, preprocess) each scene file asks for.")

    @Argument(help: "Scene files (YAML), e.g. Scenes/orbit.yaml.")
    var scenes: [String] = []

    @Option(name: .long, help: ArgumentHelp(
        "Render only frames A..<B of each orbit (a shard for `cnnviz concat`).",
        discussion: "Each orbit's slice goes to NAME.frames-AAAAAA-BBBBBB.EXT beside its file."))
    var frames: String?

    @OptionGroup var flags: RenderFlags

    func validate() throws {
        guard !scenes.isEmpty else { throw ValidationError("give at least one SCENE file") }
        if let frames, parseFrameRange(frames) == nil { throw ValidationError("--frames must look like 0..<180, got \(frames)") }
    }

    func run() throws {
        let options = flags.renderOptions(frames: frames)
        try Interruptible.run { cancel in
            for scene in scenes {
                try SceneRenderJob.run(path: scene, options: options, cancel: cancel,
                                       log: { line in if !flags.quiet { Interruptible.printError(line) } })
            }
        }
    }
}
