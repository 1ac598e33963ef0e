import Support

/// Reads a strokes file of either kind: SVG when the name ends in `.svg` (or the text starts
/// with `<`), the JSON format otherwise.
public enum StrokesFile {
    /// True when `path` names a strokes file by its extension (`.json`, `.svg`).
    public static func isStrokesPath(_ path: String) -> Bool {
        let lower = path.lowercased()
        return lower.hasSuffix(".json") || lower.hasSuffix(".svg")
    }

    /// The drawing in the file at `path`, checked.
    public static func read(path: String) throws(StrokesError) -> Strokes {
        let bytes: [UInt8]
        do { bytes = try FileBytes.read(path, limit: StrokesLimits.fileBytes) } catch {
            throw .unreadable(file: path, reason: error.reason)
        }
        let firstByte = bytes.drop { [0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) }.first
        if path.lowercased().hasSuffix(".svg") || firstByte == UInt8(ascii: "<") {
            return try SVGStrokes.decode(bytes, file: path)
        }
        return try StrokesJSON.decode(bytes, file: path)
    }
}
