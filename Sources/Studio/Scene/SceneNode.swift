import Foundation
import Yams

/// A YAML node with the file and key path it came from, so every complaint about it can say
/// where it is. Walking these nodes (rather than using `YAMLDecoder`) is what lets unknown
/// keys be rejected and errors carry `file:line: key.path`.
struct SceneNode {
    let node: Node
    let file: String
    let path: String
    /// Collects the line of every key path visited, kept on the decoded description.
    let recorder: SceneLocationRecorder

    /// The root of a document in `file`.
    init(root: Node, file: String, recorder: SceneLocationRecorder) {
        self.init(node: root, file: file, path: "", recorder: recorder)
    }

    init(node: Node, file: String, path: String, recorder: SceneLocationRecorder) {
        self.node = node
        self.file = file
        self.path = path
        self.recorder = recorder
        recorder.record(path, line: node.mark?.line)
    }

    /// 1-based line of the node, if Yams recorded one.
    var line: Int? { node.mark?.line }

    /// An error located at this node.
    func error(_ message: String) -> SceneFileError {
        SceneFileError(file: file, line: line, keyPath: path, message: message)
    }

    /// The node's text as written, for error messages.
    var shown: String {
        switch node {
        case .scalar(let scalar): "'\(scalar.string)'"
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }

    /// True for an empty value (`key:` or `key: ~`).
    var isNull: Bool {
        if case .scalar(let scalar) = node, scalar.style == .plain, node.null != nil { return true }
        return false
    }

    /// The child at `key` of a mapping, with its path extended.
    func child(_ key: String, _ value: Node) -> SceneNode {
        SceneNode(node: value, file: file, path: path.isEmpty ? key : "\(path).\(key)", recorder: recorder)
    }

    /// The entries of a mapping in file order, rejecting keys outside `allowed` and repeats.
    /// An empty value (`orbit:`) counts as an empty mapping.
    func mapping(allowed: [String]) throws(SceneFileError) -> [(key: String, value: SceneNode)] {
        if isNull { return [] }
        guard case .mapping(let mapping) = node else { throw error("expected a mapping, got \(shown)") }
        var seen = Set<String>()
        var entries: [(key: String, value: SceneNode)] = []
        for (keyNode, valueNode) in mapping {
            guard case .scalar(let keyScalar) = keyNode else {
                throw SceneFileError(file: file, line: keyNode.mark?.line, keyPath: path, message: "keys must be plain names")
            }
            let key = keyScalar.string
            let keyPath = path.isEmpty ? key : "\(path).\(key)"
            guard allowed.contains(key) else {
                let hint = Self.closest(to: key, in: allowed).map { " (did you mean '\($0)'?)" } ?? ""
                throw SceneFileError(
                    file: file, line: keyNode.mark?.line, keyPath: keyPath,
                    message: "unknown key\(hint); allowed: \(allowed.joined(separator: ", "))")
            }
            guard seen.insert(key).inserted else {
                throw SceneFileError(file: file, line: keyNode.mark?.line, keyPath: keyPath, message: "key appears twice")
            }
            recorder.record(keyPath, line: keyNode.mark?.line)
            entries.append((key, child(key, valueNode)))
        }
        return entries
    }

    /// The items of a list, each with `[i]` appended to the path.
    func sequence() throws(SceneFileError) -> [SceneNode] {
        guard case .sequence(let sequence) = node else { throw error("expected a list, got \(shown)") }
        return sequence.enumerated().map { index, item in
            SceneNode(node: item, file: file, path: "\(path)[\(index)]", recorder: recorder)
        }
    }

    /// A non-empty string scalar.
    func string() throws(SceneFileError) -> String {
        guard case .scalar(let scalar) = node, !isNull else { throw error("expected text, got \(shown)") }
        let text = scalar.string.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { throw error("expected text, got an empty value") }
        return text
    }

    /// An integer allowed by `rule`.
    func integer(_ rule: ValueRule<Int>) throws(SceneFileError) -> Int {
        guard case .scalar(let scalar) = node, let value = Int(scalar.string.trimmingCharacters(in: .whitespaces)),
            rule.allows(value)
        else { throw error("expected \(rule.expectation), got \(shown)") }
        return value
    }

    /// A finite number allowed by `rule`.
    func number(_ rule: ValueRule<Double>) throws(SceneFileError) -> Double {
        guard case .scalar(let scalar) = node, let value = Double(scalar.string.trimmingCharacters(in: .whitespaces)),
            value.isFinite, rule.allows(value)
        else { throw error("expected \(rule.expectation), got \(shown)") }
        return value
    }

    /// One of a fixed set of words (all cases unless `allowed` narrows them).
    func choice<T: RawRepresentable & CaseIterable>(_ type: T.Type, allowed: [T]? = nil) throws(SceneFileError) -> T
    where T.RawValue == String {
        let cases = allowed ?? Array(T.allCases)
        let names = cases.map(\.rawValue)
        let text = nodeText.trimmingCharacters(in: .whitespaces)
        guard case .scalar = node, let index = names.firstIndex(of: text) else {
            throw error("expected one of \(names.joined(separator: ", ")), got \(shown)")
        }
        return cases[index]
    }

    /// A frame size written `WxH`, suiting `use` (even sides for video).
    func frameSize(for use: FrameSize.Use) throws(SceneFileError) -> FrameSize {
        guard case .scalar(let scalar) = node, let size = FrameSize.parse(scalar.string) else {
            throw error("expected a size WxH with sides in 16...8192 (e.g. 1280x720), got \(shown)")
        }
        if let problem = size.problem(as: use) { throw error(problem) }
        return size
    }

    /// The scalar's text, or empty for other nodes.
    private var nodeText: String {
        if case .scalar(let scalar) = node { return scalar.string }
        return ""
    }

    /// The allowed key nearest to a misspelt one, if it is close.
    static func closest(to key: String, in allowed: [String]) -> String? {
        let scored = allowed.map { ($0, editDistance(key.lowercased(), $0.lowercased())) }
        guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= max(1, key.count / 3) else { return nil }
        return best.0
    }

    /// Edit distance between two short strings, counting a swap of neighbours as one edit
    /// (optimal string alignment), so `fsp` is one edit from `fps`.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var d = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[a.count][b.count]
    }
}
