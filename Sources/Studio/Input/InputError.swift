import DigitSamples
import DigitTraining
import Preprocessing

/// Why an IMAGE argument could not be resolved; every case names the argument or file.
public enum InputError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `mnist:…` was asked for but `MNIST_DIR` is not set.
    case mnistDirectoryUnset(spec: String)
    /// The MNIST index is outside the split.
    case mnistIndexOutOfRange(spec: String, count: Int)
    /// MNIST could not be read.
    case mnist(spec: String, MNISTError)
    /// A `mnist:` or `sample:` argument that does not parse.
    case badSpec(spec: String, reason: String)
    /// `sample:N` with N outside 0…9.
    case sampleOutOfRange(spec: String)
    /// `Scenes/digits/` was not found from the current directory or its parents.
    case samplesNotFound(spec: String, searchedFrom: String)
    /// The canvas could not be preprocessed.
    case preprocessing(PreprocessingError)
    /// A strokes file could not be read.
    case strokes(StrokesError)

    public var description: String {
        switch self {
        case let .mnistDirectoryUnset(spec):
            return "\(spec): set MNIST_DIR to the folder holding the MNIST IDX files to use mnist:SPLIT:INDEX"
        case let .mnistIndexOutOfRange(spec, count):
            return "\(spec): index out of range (the split has \(count) images, 0…\(count - 1))"
        case let .mnist(spec, error): return "\(spec): \(error)"
        case let .badSpec(spec, reason): return "\(spec): \(reason)"
        case let .sampleOutOfRange(spec): return "\(spec): bundled samples are sample:0 … sample:9"
        case let .samplesNotFound(spec, from):
            return
                "\(spec): Scenes/digits/ not found in \(from) or any folder above it (run cnnviz from the repository, or `cnnviz make-samples`)"
        case let .preprocessing(error): return error.description
        case let .strokes(error): return error.description
        }
    }
}
