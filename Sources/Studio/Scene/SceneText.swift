import Support

/// The raw text of a scene file, read and checked against the scene limits before YAML
/// parsing starts.
enum SceneText {
    /// The UTF-8 text of the scene file at `path` (at most ``Limit/sceneFileBytes``); a missing
    /// file or a folder gets a plain reason.
    static func read(_ path: String) throws(SceneFileError) -> String {
        let bytes: [UInt8]
        do { bytes = try FileBytes.read(path, limit: .sceneFileBytes) } catch {
            throw SceneFileError(file: path, line: nil, keyPath: "", message: "cannot read scene file (\(error.reason))")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw SceneFileError(file: path, line: nil, keyPath: "", message: "not UTF-8 text")
        }
        return text
    }

    /// Refuses text nested deeper than ``Limit/sceneNesting`` (counting indentation, `- `
    /// list markers and open `[`/`{` brackets outside quotes), an over-estimate of YAML's own depth
    /// that is cheap to compute and keeps the recursive parser's stack bounded.
    static func checkNesting(_ text: String, file: String) throws(SceneFileError) {
        let limit = Limit.sceneNesting.maximum
        var lineNumber = 0
        var brackets = 0
        for line in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            var depth = 0
            var index = line.startIndex
            // Indentation: two spaces per level is the convention; one space is the least YAML allows.
            var spaces = 0
            while index < line.endIndex, line[index] == UInt8(ascii: " ") { spaces += 1; index = line.index(after: index) }
            depth += spaces / 2
            var quote: UInt8?
            var previous: UInt8 = UInt8(ascii: " ")
            while index < line.endIndex {
                let byte = line[index]
                if let open = quote {
                    if byte == open { quote = nil }
                } else {
                    switch byte {
                    case UInt8(ascii: "\""), UInt8(ascii: "'"): quote = byte
                    case UInt8(ascii: "#") where previous == UInt8(ascii: " "): index = line.endIndex; continue
                    case UInt8(ascii: "["), UInt8(ascii: "{"): brackets += 1
                    case UInt8(ascii: "]"), UInt8(ascii: "}"): brackets = max(0, brackets - 1)
                    case UInt8(ascii: "-") where previous == UInt8(ascii: " ") || index == line.startIndex: depth += 1
                    default: break
                    }
                }
                previous = byte
                index = line.index(after: index)
            }
            if depth + brackets > limit {
                throw SceneFileError(
                    file: file, line: lineNumber, keyPath: "",
                    message: "nests deeper than the limit of \(Limit.sceneNesting)")
            }
        }
    }
}
