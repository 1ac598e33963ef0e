import CZlib
import DigitNet
import Foundation

/// Problems reading MNIST; every case names the file.
public enum MNISTError: Error, Equatable, Sendable, CustomStringConvertible {
    case missing(file: String)
    case unreadable(file: String, reason: String)
    case badMagic(file: String, expected: UInt32, found: UInt32)
    case badSize(file: String, reason: String)
    case countMismatch(images: String, labels: String, imageCount: Int, labelCount: Int)
    case indexOutOfRange(index: Int, count: Int)

    public var description: String {
        switch self {
        case let .missing(f): return "\(f): MNIST file not found (expected the canonical IDX files, gzip'd or raw)"
        case let .unreadable(f, r): return "\(f): cannot read (\(r))"
        case let .badMagic(f, e, x): return "\(f): bad IDX magic number \(x), expected \(e)"
        case let .badSize(f, r): return "\(f): wrong size (\(r))"
        case let .countMismatch(i, l, ni, nl): return "\(i) has \(ni) images but \(l) has \(nl) labels"
        case let .indexOutOfRange(i, n): return "MNIST index \(i) is out of range 0..<\(n)"
        }
    }
}

/// One MNIST split: `count` images of 28×28 bytes (0 background … 255 ink) and their labels.
public struct MNISTSet: Sendable {
    /// `count·784` bytes, image-major, row-major within an image.
    public var pixels: [UInt8]
    public var labels: [UInt8]
    public static let side = 28
    public static let pixelsPerImage = 784

    public init(pixels: [UInt8], labels: [UInt8]) {
        precondition(pixels.count == labels.count * Self.pixelsPerImage)
        self.pixels = pixels
        self.labels = labels
    }

    public var count: Int { labels.count }

    /// Image `i` as a `(1,28,28)` tensor with values in [0,1].
    public func image(_ i: Int) -> Tensor {
        let base = i * Self.pixelsPerImage
        return Tensor(shape: [1, 28, 28], data: (0..<Self.pixelsPerImage).map { Float(pixels[base + $0]) / 255 })
    }

    /// The first `n` images (or all, if fewer).
    public func prefix(_ n: Int) -> MNISTSet {
        let m = Swift.min(n, count)
        return MNISTSet(pixels: Array(pixels[0..<(m * Self.pixelsPerImage)]), labels: Array(labels[0..<m]))
    }

    /// Two sets joined.
    public static func + (a: MNISTSet, b: MNISTSet) -> MNISTSet {
        MNISTSet(pixels: a.pixels + b.pixels, labels: a.labels + b.labels)
    }
}

/// Reads MNIST's canonical IDX files (`train-images-idx3-ubyte[.gz]`, …) from a folder.
public enum MNIST {
    /// Which of the two splits.
    public enum Split: String, Sendable {
        case train, test
        var prefix: String { self == .train ? "train" : "t10k" }
    }

    /// Loads a split from `directory`, preferring the `.gz` files and falling back to raw ones.
    public static func load(directory: String, split: Split) throws(MNISTError) -> MNISTSet {
        let imagesPath = try locate(directory, "\(split.prefix)-images-idx3-ubyte")
        let labelsPath = try locate(directory, "\(split.prefix)-labels-idx1-ubyte")
        let images = try parseIDX(try readMaybeGzip(imagesPath), file: imagesPath, magic: 2051, dims: 3)
        let labels = try parseIDX(try readMaybeGzip(labelsPath), file: labelsPath, magic: 2049, dims: 1)
        guard images.dims.count == 3, images.dims[1] == 28, images.dims[2] == 28 else {
            throw .badSize(file: imagesPath, reason: "images are \(images.dims.dropFirst().map(String.init).joined(separator: "×")), expected 28×28")
        }
        guard images.dims[0] == labels.dims[0] else {
            throw .countMismatch(images: imagesPath, labels: labelsPath, imageCount: images.dims[0], labelCount: labels.dims[0])
        }
        if let bad = labels.data.first(where: { $0 > 9 }) {
            throw .badSize(file: labelsPath, reason: "label \(bad) is not a digit")
        }
        return MNISTSet(pixels: images.data, labels: labels.data)
    }

    /// The directory named by the `MNIST_DIR` environment variable, if set and non-empty.
    public static var directoryFromEnvironment: String? {
        guard let dir = ProcessInfo.processInfo.environment["MNIST_DIR"], !dir.isEmpty else { return nil }
        return dir
    }

    static func locate(_ directory: String, _ base: String) throws(MNISTError) -> String {
        let fm = FileManager.default
        for candidate in ["\(base).gz", base] {
            let path = (directory as NSString).appendingPathComponent(candidate)
            if fm.fileExists(atPath: path) { return path }
        }
        throw .missing(file: (directory as NSString).appendingPathComponent("\(base).gz"))
    }

    /// Parses an IDX byte stream: big-endian magic, `dims` big-endian counts, then u8 data.
    public static func parseIDX(_ bytes: [UInt8], file: String, magic: UInt32, dims: Int) throws(MNISTError) -> (dims: [Int], data: [UInt8]) {
        func u32(_ o: Int) -> UInt32 {
            UInt32(bytes[o]) << 24 | UInt32(bytes[o + 1]) << 16 | UInt32(bytes[o + 2]) << 8 | UInt32(bytes[o + 3])
        }
        let headerSize = 4 + 4 * dims
        guard bytes.count >= headerSize else { throw .badSize(file: file, reason: "\(bytes.count) bytes is shorter than the IDX header") }
        guard u32(0) == magic else { throw .badMagic(file: file, expected: magic, found: u32(0)) }
        let shape = (0..<dims).map { Int(u32(4 + 4 * $0)) }
        let expected = shape.reduce(1, *)
        guard bytes.count - headerSize == expected else {
            throw .badSize(file: file, reason: "header promises \(expected) bytes of data, file has \(bytes.count - headerSize)")
        }
        return (shape, Array(bytes[headerSize...]))
    }

    /// Reads a file, inflating it when it starts with the gzip signature.
    public static func readMaybeGzip(_ path: String) throws(MNISTError) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(file: path, reason: "cannot open") }
        let bytes = [UInt8](data)
        guard bytes.count >= 2, bytes[0] == 0x1f, bytes[1] == 0x8b else { return bytes }
        return try gunzip(bytes, file: path)
    }

    /// Inflates gzip bytes with zlib.
    public static func gunzip(_ input: [UInt8], file: String) throws(MNISTError) -> [UInt8] {
        var stream = z_stream()
        // 15 window bits + 16: expect a gzip header.
        guard inflateInit2_(&stream, 15 + 16, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw .unreadable(file: file, reason: "zlib initialisation failed")
        }
        defer { inflateEnd(&stream) }
        var output = [UInt8]()
        output.reserveCapacity(input.count * 5)
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        var status: Int32 = Z_OK
        var input = input
        input.withUnsafeMutableBufferPointer { inp in
            stream.next_in = inp.baseAddress
            stream.avail_in = UInt32(inp.count)
            repeat {
                chunk.withUnsafeMutableBufferPointer { out in
                    stream.next_out = out.baseAddress
                    stream.avail_out = UInt32(out.count)
                    status = inflate(&stream, Z_NO_FLUSH)
                    output.append(contentsOf: out[0..<(out.count - Int(stream.avail_out))])
                }
            } while status == Z_OK
        }
        guard status == Z_STREAM_END else {
            throw .unreadable(file: file, reason: "gzip data is corrupt or truncated (zlib status \(status))")
        }
        return output
    }
}
