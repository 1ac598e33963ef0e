import DigitTraining
import Testing

/// Where tests find MNIST: the folder named by `MNIST_DIR`.
public enum MNISTFixture {
    /// `MNIST_DIR`, or nil when it is unset or empty.
    public static let directory: String? = MNIST.directoryFromEnvironment

    /// Why a test that needs MNIST was skipped.
    public static let skipMessage = "MNIST_DIR is not set: skipping (point it at a folder with the MNIST IDX files)"

    /// `directory`, or an error saying `MNIST_DIR` is unset (for tests marked `.requiresMNIST`).
    public static func requiredDirectory() throws -> String {
        guard let directory else { throw Unset() }
        return directory
    }

    /// Thrown by `requiredDirectory()` when `MNIST_DIR` is unset.
    public struct Unset: Error, CustomStringConvertible {
        public var description: String { MNISTFixture.skipMessage }
    }
}

extension Trait where Self == ConditionTrait {
    /// Runs the test only when `MNIST_DIR` is set; otherwise skips it saying so.
    public static var requiresMNIST: Self {
        .enabled(if: MNISTFixture.directory != nil, Comment(rawValue: MNISTFixture.skipMessage))
    }
}
