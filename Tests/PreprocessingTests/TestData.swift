import DigitNet
import DigitTraining
import Preprocessing
import TestSupport

/// Shared inputs of the preprocessing tests: the first 1,000 MNIST test digits and predicting
/// a preprocessed canvas. The network is `Fixtures.network()`; scratch files are `ScratchFolder`s.
enum TestData {
    /// The first 1,000 MNIST test digits from `MNIST_DIR` (tests using it carry `.requiresMNIST`).
    static func mnistTest() throws -> MNISTSet {
        try MNIST.load(directory: MNISTFixture.requiredDirectory(), split: .test).prefix(1000)
    }

    /// Predicts the digit in a preprocessed canvas.
    static func predict(_ digit: PreprocessedDigit, with network: Network) -> Int {
        network.forward(Tensor(shape: [1, 28, 28], data: digit.values)).prediction
    }
}
