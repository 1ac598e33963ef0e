import DigitNet
import Foundation
import Renderer
import SceneGraph
import Studio
import TestSupport
import Testing

/// Stills, orbit frames and posters of a model whose input is not 28×28, fed a 28×28 input
/// (a bundled sample): the input is met the way `predict` meets it (area-resampled), not
/// passed through at the wrong size (which used to stop on a precondition).
@Suite("Stills, orbits and posters of other input sizes")
struct OtherInputSizeTests {
    @Test("a 14×14 model reads sample:7 resized to 14×14 in the still, the orbit and the poster")
    func fourteen() throws {
        let network = try OtherModelVideoTests.network(side: 14)
        let input = try resolveInput("sample:7", currentDirectory: Fixtures.repositoryRoot.path)
        #expect(input.image.shape == [1, 28, 28])
        let expected = network.forward(Tensor(shape: [1, 14, 14], data: OtherModelVideoTests.halved(input.image.data)))

        let still = try StillJob.frameRenderer(input: input, network: network, style: FrameStyle())
        #expect(still.scene.inputSide == 14)
        #expect(zip(still.scene.probabilities, expected.probabilities).allSatisfy { abs($0 - $1) < 1e-5 })

        var spec = OrbitSpec()
        spec.size = FrameSize(width: 320, height: 180)
        spec.fps = 4
        spec.seconds = 1
        let orbit = try NetworkFrameSource(network: network, input: input, spec: spec, style: SceneStyle())
        #expect(try orbit.frame(2).count == 320 * 180 * 4)

        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("other-size-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let poster = dir.appendingPathComponent("c1.png").path
        try PosterJob.run(input: input, network: network, layer: "c1", output: poster, width: 400, height: 300)
        #expect(FileManager.default.fileExists(atPath: poster))
    }
}
