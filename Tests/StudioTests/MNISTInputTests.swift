import DigitTraining
import Foundation
import Studio
import TestSupport
import Testing

/// `mnist:SPLIT:INDEX` hands the network MNIST's own image; preprocessing only illustrates it,
/// so no test digit may be refused (test #916 is a 7 MNIST wrote in two pieces side by side,
/// which a drawn page would refuse as two digits).
@Suite("mnist:SPLIT:INDEX inputs")
struct MNISTInputTests {
    @Test("every test digit resolves, and the network reads MNIST's own pixels", .requiresMNIST)
    func everyTestDigitResolves() throws {
        let directory = try MNISTFixture.requiredDirectory()
        let cache = MNISTCache()
        let set = try MNIST.load(directory: directory, split: .test)
        var refused: [String] = []
        for index in 0..<set.count {
            let spec = "mnist:test:\(index)"
            do {
                let input = try resolveInput(spec, environment: ["MNIST_DIR": directory], mnistCache: cache)
                if input.image.data != set.image(index).data { refused.append("\(spec): image differs") }
            } catch {
                refused.append("\(spec): \(error)")
            }
        }
        #expect(refused.isEmpty, "\(refused.count) of \(set.count) refused: \(refused.prefix(5))")
    }
}
