import Renderer

/// One shot as written in a scene file, before it is checked against the network: layer
/// and unit names are still text (`conv2[5]`).
public struct ShotSpec: Sendable, Equatable {
    /// The shot kinds and their scene-file keywords.
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        case orbit
        case flyTo = "fly-to"
        case hold
        case reveal
        case open
        case neuron
    }

    public var kind: Kind
    /// What `fly-to`, `open` and `neuron` point at.
    public var subject: SubjectName?
    /// Orbit: yaw and elevation ranges (from, to); fly-to and neuron: the viewing angles (to only).
    public var yaw: (from: Double, to: Double)?
    public var elevation: (from: Double, to: Double)?
    /// Seconds; nil lets the planner choose.
    public var duration: Double?
    public var easing: TourEasing = .easeInOut
    public var title: String?
    public var caption: String?
    /// `caption: none` hides the caption.
    public var noCaption = false
    public var prediction = false
    /// `at:` seconds on the voice-over's clock (the video's) at which the shot starts.
    public var at: Double?
    /// `until: audio-end`: the (last) shot lasts until the voice-over ends.
    public var untilAudioEnd = false
    /// Where the shot was written (`outputs[0].tour.shots[3]`), for errors found later.
    public var keyPath: String

    public init(kind: Kind, subject: SubjectName? = nil, keyPath: String = "") {
        self.kind = kind
        self.subject = subject
        self.keyPath = keyPath
    }

    public static func == (a: ShotSpec, b: ShotSpec) -> Bool {
        a.kind == b.kind && a.subject == b.subject && a.yaw?.from == b.yaw?.from && a.yaw?.to == b.yaw?.to
            && a.elevation?.from == b.elevation?.from && a.elevation?.to == b.elevation?.to && a.duration == b.duration
            && a.easing == b.easing && a.title == b.title && a.caption == b.caption && a.noCaption == b.noCaption
            && a.prediction == b.prediction && a.at == b.at && a.untilAudioEnd == b.untilAudioEnd
    }
}

/// A subject as written: `network`, `conv1`, `conv2[5]`, `fc1[37]` or `conv1[3, 14, 12]`
/// (map, row, column), indexes 0-based.
public struct SubjectName: Sendable, Equatable, CustomStringConvertible {
    public var layer: String
    public var indexes: [Int]

    public init(layer: String, indexes: [Int] = []) {
        self.layer = layer
        self.indexes = indexes
    }

    /// Parses `name` or `name[i]` or `name[i, j, k]`; nil when the text has another form.
    public static func parse(_ text: String) -> SubjectName? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let open = trimmed.firstIndex(of: "[") else {
            return isName(trimmed) ? SubjectName(layer: trimmed) : nil
        }
        guard trimmed.hasSuffix("]") else { return nil }
        let name = String(trimmed[..<open])
        let inner = trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)]
        let parts = inner.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard isName(name), (1...3).contains(parts.count) else { return nil }
        var indexes: [Int] = []
        for part in parts {
            guard let value = Int(part), value >= 0, value <= 1_000_000 else { return nil }
            indexes.append(value)
        }
        return SubjectName(layer: name, indexes: indexes)
    }

    static func isName(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 64 && text.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == "." }
    }

    public var description: String {
        indexes.isEmpty ? layer : "\(layer)[\(indexes.map(String.init).joined(separator: ", "))]"
    }
}
