/// An explicit upper bound on something read from a file (pixels, tensor elements, header
/// bytes, inflated bytes), checked before anything is allocated. Over a limit is an error
/// that names the file and the limit.
public struct Limit: Sendable, Equatable, CustomStringConvertible {
    /// What is limited, in words (`"pixels in an image"`).
    public var what: String
    /// The largest value allowed.
    public var maximum: Int

    /// A limit of `maximum` on `what`.
    public init(_ what: String, maximum: Int) {
        self.what = what
        self.maximum = maximum
    }

    /// `value` when it is known (no overflow) and within the limit, else a ``LimitError``
    /// naming `file`.
    public func check(_ value: Int?, file: String) throws(LimitError) -> Int {
        guard let value, value >= 0, value <= maximum else {
            throw LimitError(file: file, limit: self, found: value)
        }
        return value
    }

    public var description: String { "\(maximum) \(what)" }

    /// Pixels in one decoded image (50 megapixels: a large phone photo).
    public static let imagePixels = Limit("pixels in an image", maximum: 50_000_000)
    /// Width or height of one decoded image (Cairo's own limit).
    public static let imageSide = Limit("pixels per side of an image", maximum: 32_767)
    /// Elements in one tensor of a weights file (256 Mi floats, 1 GiB).
    public static let tensorElements = Limit("elements in one tensor", maximum: 1 << 28)
    /// Bytes of a safetensors JSON header.
    public static let safetensorsHeaderBytes = Limit("bytes of safetensors header", maximum: 16 << 20)
    /// Tensors named in one safetensors header.
    public static let safetensorsTensors = Limit("tensors in one weights file", maximum: 10_000)
    /// Bytes a gzip'd file may inflate to (an IDX file of 60,000 28×28 images is 47 MB).
    public static let inflatedBytes = Limit("bytes after decompression", maximum: 512 << 20)
    /// Bytes of a file read whole into memory (weights, IDX, a PNG's header): 1 GiB.
    public static let fileBytes = Limit("bytes in one input file", maximum: 1 << 30)
    /// Bytes of a scene file (YAML is small; this stops a stray video being parsed).
    public static let sceneFileBytes = Limit("bytes in a scene file", maximum: 1 << 20)
    /// Scene documents in one scene file.
    public static let sceneDocuments = Limit("scenes in one scene file", maximum: 1_000)
    /// Nesting depth of a scene file (lists and mappings inside each other); the YAML parser
    /// recurses once per level, so this keeps its stack bounded.
    public static let sceneNesting = Limit("levels of nesting in a scene file", maximum: 64)
    /// Outputs asked for by one scene.
    public static let sceneOutputs = Limit("outputs in one scene", maximum: 1_000)
}

/// A number read from `file` that overflowed or exceeded a ``Limit``.
public struct LimitError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file the number came from.
    public var file: String
    /// The limit it broke.
    public var limit: Limit
    /// The value found, or nil when computing it overflowed.
    public var found: Int?

    public init(file: String, limit: Limit, found: Int?) {
        self.file = file
        self.limit = limit
        self.found = found
    }

    public var description: String {
        "\(file): \(reasonWithoutFile)"
    }
}
