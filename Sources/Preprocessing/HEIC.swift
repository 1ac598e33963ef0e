/// Recognises HEIC/HEIF files (phone photos) so they are refused with a way to convert them.
enum HEIC {
    /// ISO-BMFF brands of HEIF still images, as found at bytes 8–11 after `ftyp` at 4–7.
    static let brands: Set<String> = ["heic", "heix", "heim", "heis", "hevc", "hevx", "mif1", "msf1"]

    /// True when `magic` (a file's first 12 bytes) starts an HEIF file.
    static func matches(_ magic: [UInt8]) -> Bool {
        guard magic.count >= 12, Array(magic[4..<8]) == Array("ftyp".utf8) else { return false }
        return brands.contains(String(decoding: magic[8..<12], as: UTF8.self))
    }

    /// The error for an HEIC file, naming two ways to convert it.
    static func refusal(file path: String) -> PreprocessingError {
        .unsupportedFormat(
            file: path, format: "HEIC/HEIF",
            advice: "convert it first, e.g. `heif-convert photo.heic photo.jpg` (libheif-examples) or `ffmpeg -i photo.heic photo.png`")
    }
}
