import DigitNet
import Foundation
import Renderer
import Studio
import TestSupport
import Testing

/// Titles name the model in use, and posters cover every stage of any model.
@Suite("Titles and posters from the model")
struct ModelTitleTests {
    static func digit() throws -> DigitInput {
        try resolveInput(Fixtures.digitSpec, currentDirectory: Fixtures.repositoryRoot.path)
    }

    @Test("stills and orbits are titled with the model's name")
    func titlesNameTheModel() throws {
        let network = try Network(TestArchitectures.pytorchExample, weights: .initial(seed: 4))
        let input = try Self.digit()
        let still = try StillJob.frameRenderer(input: input, network: network, style: FrameStyle())
        #expect(still.style.title == "PyTorch MNIST example reading \(input.label)")
        #expect(still.scene.modelName == "PyTorch MNIST example")
        let orbit = try NetworkFrameSource(network: network, input: input, spec: OrbitSpec(), style: SceneStyle())
        let title = try #require(orbit.renderer.style.title)
        #expect(title.hasPrefix("PyTorch MNIST example reading"), "\(title)")
        let lenet = try StillJob.frameRenderer(input: input, network: Fixtures.network(), style: FrameStyle())
        #expect(lenet.style.title?.hasPrefix("LeNet reading") == true)
    }

    @Test("poster all writes one page per stage of a many-map model")
    func postersForEveryStage() throws {
        let scratch = try ScratchFolder("model-posters")
        defer { scratch.remove() }
        let network = try Network(TestArchitectures.pytorchExample, weights: .initial(seed: 4))
        let written = try PosterJob.run(
            input: Self.digit(), network: network, layer: "all", output: scratch.file("p.png").path, width: 640,
            height: 452)
        #expect(written.map { URL(fileURLWithPath: $0).lastPathComponent } == network.stages.map { "p-\($0.name).png" })
        #expect(throws: StudioError.self) {
            try PosterJob.run(input: Self.digit(), network: network, layer: "pool2", output: scratch.file("x.png").path)
        }
    }
}
