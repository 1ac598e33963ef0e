import DigitNet
import DigitSamples
import DigitTraining
import Foundation
import Preprocessing
import Renderer

/// A resolved IMAGE argument: the network's 28×28 input and every preprocessing stage.
public struct DigitInput: Sendable {
    /// The argument as given (`seven.png`, `mnist:test:3`, `sample:7`).
    public var spec: String
    /// A short human label for titles: the file name, `MNIST test #3`, `sample 7`.
    public var label: String
    /// The true digit when known (MNIST inputs, bundled samples).
    public var trueDigit: Int?
    /// Size of the canvas as drawn.
    public var canvasWidth: Int
    public var canvasHeight: Int
    /// The network input: shape `(1,28,28)`, values in [0,1], white ink on black.
    public var image: Tensor
    /// Every preprocessing stage (for MNIST inputs: the pipeline run on the 28×28 image itself,
    /// for illustration; `image` is then MNIST's own pixels, untouched).
    public var stages: PreprocessedDigit

    public init(spec: String, label: String, trueDigit: Int?, image: Tensor, stages: PreprocessedDigit) {
        self.spec = spec
        self.label = label
        self.trueDigit = trueDigit
        self.canvasWidth = stages.canvas.width
        self.canvasHeight = stages.canvas.height
        self.image = image
        self.stages = stages
    }
}

/// Resolves an IMAGE argument into the network's input.
///
/// `spec` is one of:
/// - a PNG path (any size up to 50 megapixels; gray, RGB or RGBA; either polarity);
/// - `mnist:test:INDEX` or `mnist:train:INDEX` (reads the folder in `MNIST_DIR`);
/// - `sample:N` for the bundled drawn digit `Scenes/digits/N.png`, N in 0…9, found from the
///   current directory or a folder above it (drawn in memory by `DrawnDigits` elsewhere);
/// - a strokes file (`.json`, `.svg`), drawn with the one pen (`StrokePen`) and preprocessed.
///
/// Throws `InputError`, whose description names the argument or file and the problem
/// (for a blank canvas: "no digit found in FILE").
///
/// Pass one `MNISTCache` when resolving many `mnist:` arguments so each split is read once.
public func resolveInput(
    _ spec: String, options: PreprocessingOptions = PreprocessingOptions(),
    environment: [String: String] = ProcessInfo.processInfo.environment,
    currentDirectory: String = FileManager.default.currentDirectoryPath,
    mnistCache: MNISTCache? = nil
) throws(InputError) -> DigitInput {
    if spec.hasPrefix("mnist:") {
        return try InputResolver.mnist(spec, options: options, environment: environment, cache: mnistCache ?? MNISTCache())
    }
    if spec.hasPrefix("sample:") {
        var input = try InputResolver.sample(spec, options: options, currentDirectory: currentDirectory)
        input.spec = spec
        input.label = "sample \(spec.dropFirst("sample:".count))"
        input.trueDigit = Int(spec.dropFirst("sample:".count))
        return input
    }
    if StrokesFile.isStrokesPath(spec) { return try InputResolver.strokes(spec, options: options) }
    return try InputResolver.file(spec, options: options)
}

/// MNIST splits already read, so resolving many `mnist:` arguments reads each file once.
/// One instance per job; not shared between threads.
public final class MNISTCache {
    private var sets: [String: MNISTSet] = [:]

    public init() {}

    /// The split from `directory`, read on first use.
    func set(directory: String, split: MNIST.Split) throws(MNISTError) -> MNISTSet {
        let key = "\(directory)|\(split.rawValue)"
        if let cached = sets[key] { return cached }
        let loaded = try MNIST.load(directory: directory, split: split)
        sets[key] = loaded
        return loaded
    }
}

/// The pieces behind `resolveInput`.
enum InputResolver {
    /// A PNG file through the whole pipeline.
    static func file(_ path: String, options: PreprocessingOptions) throws(InputError) -> DigitInput {
        let stages: PreprocessedDigit
        do { stages = try Preprocessor.run(file: path, options: options) } catch { throw .preprocessing(error) }
        let image = Tensor(shape: [1, 28, 28], data: stages.values)
        let name = (path as NSString).lastPathComponent
        return DigitInput(spec: path, label: name, trueDigit: nil, image: image, stages: stages)
    }

    /// A strokes file (JSON or SVG), drawn whole and preprocessed.
    static func strokes(_ path: String, options: PreprocessingOptions) throws(InputError) -> DigitInput {
        let canvas: Canvas
        do { canvas = try StrokePen.canvas(try StrokesFile.read(path: path)) } catch let error as StrokesError {
            throw .strokes(error)
        } catch {
            throw .badSpec(spec: path, reason: "the strokes could not be drawn (\(error))")
        }
        let stages: PreprocessedDigit
        do { stages = try Preprocessor.run(canvas: canvas, source: path, options: options) } catch { throw .preprocessing(error) }
        let image = Tensor(shape: [1, 28, 28], data: stages.values)
        return DigitInput(spec: path, label: (path as NSString).lastPathComponent, trueDigit: nil, image: image, stages: stages)
    }

    /// `mnist:SPLIT:INDEX`.
    static func mnist(
        _ spec: String, options: PreprocessingOptions, environment: [String: String],
        cache: MNISTCache
    ) throws(InputError) -> DigitInput {
        let parts = spec.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 3, let split = MNIST.Split(rawValue: String(parts[1])) else {
            throw .badSpec(spec: spec, reason: "expected mnist:test:INDEX or mnist:train:INDEX")
        }
        guard let index = Int(parts[2]) else { throw .badSpec(spec: spec, reason: "INDEX must be a whole number") }
        guard let directory = environment["MNIST_DIR"], !directory.isEmpty else { throw .mnistDirectoryUnset(spec: spec) }
        let set: MNISTSet
        do { set = try cache.set(directory: directory, split: split) } catch { throw .mnist(spec: spec, error) }
        guard index >= 0, index < set.count else { throw .mnistIndexOutOfRange(spec: spec, count: set.count) }
        let image = set.image(index)
        // The image is already the network's input: the stages only illustrate it, so a digit
        // MNIST wrote in two pieces (test #916) is never refused as "several digits".
        var illustration = options
        illustration.refuseSeveralDigits = false
        let stages: PreprocessedDigit
        do { stages = try Preprocessor.run(canvas: canvas(fromMNIST: image), source: spec, options: illustration) } catch {
            throw .preprocessing(error)
        }
        return DigitInput(
            spec: spec, label: "MNIST \(split.rawValue) #\(index)", trueDigit: Int(set.labels[index]),
            image: image, stages: stages)
    }

    /// A 28×28 opaque canvas showing an MNIST image as stored: white ink on black.
    static func canvas(fromMNIST image: Tensor) -> Canvas {
        Canvas(width: 28, height: 28, bgra: Raster.bgra(width: 28, height: 28) { x, y in Raster.gray(image.data[y * 28 + x]) })
    }

    /// The file behind `sample:N`.
    /// `sample:N`: the file `Scenes/digits/N.png` when a folder at or above
    /// `currentDirectory` has it, else the same digit drawn in memory by `DrawnDigits` (the
    /// generator that wrote those files), so `sample:N` works from any folder.
    static func sample(_ spec: String, options: PreprocessingOptions, currentDirectory: String) throws(InputError) -> DigitInput {
        do {
            return try file(try samplePath(spec, currentDirectory: currentDirectory), options: options)
        } catch .samplesNotFound {
            return try generatedSample(spec, options: options)
        }
    }

    /// `sample:N` drawn in memory, preprocessed as the file would be.
    static func generatedSample(_ spec: String, options: PreprocessingOptions) throws(InputError) -> DigitInput {
        let n = try sampleDigit(spec)
        let canvas: Canvas
        do { canvas = try DrawnDigits.canvas(digit: n, style: DrawnDigits.sampleStyle(digit: n)) } catch {
            throw .badSpec(spec: spec, reason: "the bundled digit could not be drawn (\(error))")
        }
        let stages: PreprocessedDigit
        do { stages = try Preprocessor.run(canvas: canvas, source: "\(n).png", options: options) } catch { throw .preprocessing(error) }
        return DigitInput(
            spec: spec, label: "\(n).png", trueDigit: nil, image: Tensor(shape: [1, 28, 28], data: stages.values), stages: stages)
    }

    /// N of `sample:N`, checked to be a digit.
    static func sampleDigit(_ spec: String) throws(InputError) -> Int {
        guard let n = Int(spec.dropFirst("sample:".count)) else {
            throw .badSpec(spec: spec, reason: "expected sample:N with N a digit 0…9")
        }
        guard (0...9).contains(n) else { throw .sampleOutOfRange(spec: spec) }
        return n
    }

    static func samplePath(_ spec: String, currentDirectory: String) throws(InputError) -> String {
        let n = try sampleDigit(spec)
        guard let folder = samplesFolder(from: currentDirectory) else {
            throw .samplesNotFound(spec: spec, searchedFrom: currentDirectory)
        }
        return (folder as NSString).appendingPathComponent("\(n).png")
    }

    /// `Scenes/digits` in `start` or the nearest folder above it that has one.
    static func samplesFolder(from start: String) -> String? {
        var folder = URL(fileURLWithPath: start).standardizedFileURL
        while true {
            let candidate = folder.appendingPathComponent("Scenes/digits")
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("0.png").path) { return candidate.path }
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path { return nil }
            folder = parent
        }
    }
}
