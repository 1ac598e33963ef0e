import Renderer
import Yams

extension SceneDescription {
    /// The most shots a tour may list.
    static let maximumShots = 500
    /// The longest title or caption, in characters.
    static let maximumText = 600
    /// Shot lengths.
    static let shotSeconds = ValueRule(0.1...600.0, "a number of seconds (0.1...600)")
    /// Shot start times on the voice-over's clock.
    static let shotStart = ValueRule(0.0...36_000.0, "a time in seconds from the start (0...36000)")

    /// Decodes a `tour:` output.
    static func decodeTour(_ node: SceneNode) throws(SceneFileError) -> TourSpec {
        var spec = TourSpec()
        for (key, value) in try node.mapping(allowed: ["file", "size", "fps", "shots", "audio", "captions"]) {
            switch key {
            case "file": spec.file = try value.string()
            case "size": spec.size = try value.frameSize(for: .video)
            case "fps": spec.fps = try value.integer(SceneRules.fps)
            case "audio": spec.audio = ModelFile.resolve(try value.string(), against: node.file)
            case "captions": spec.captions = try value.choice(CaptionMode.self)
            default:
                let items = try value.sequence()
                guard !items.isEmpty else { throw value.error("lists no shots; leave 'shots' out for the default lesson") }
                guard items.count <= maximumShots else {
                    throw value.error("lists \(items.count) shots, over the limit of \(maximumShots)")
                }
                spec.shots = try items.map { item throws(SceneFileError) in try decodeShot(item) }
            }
        }
        return spec
    }

    /// Decodes one shot: exactly one kind key (`orbit`, `fly-to`, `hold`, `reveal`, `open`,
    /// `neuron`) beside the common keys.
    static func decodeShot(_ item: SceneNode) throws(SceneFileError) -> ShotSpec {
        let kinds = ShotSpec.Kind.allCases.map(\.rawValue)
        let common = ["duration", "easing", "title", "caption", "prediction", "yaw", "elevation", "at", "until"]
        let entries = try item.mapping(allowed: kinds + common)
        let named = entries.filter { kinds.contains($0.key) }
        guard named.count == 1, let (kindName, body) = named.first, let kind = ShotSpec.Kind(rawValue: kindName) else {
            throw item.error(
                named.isEmpty
                    ? "a shot needs one of \(kinds.joined(separator: ", "))"
                    : "a shot is exactly one of \(kinds.joined(separator: ", ")), got \(named.map(\.key).joined(separator: " and "))")
        }
        var shot = ShotSpec(kind: kind, keyPath: item.path)
        switch kind {
        case .hold, .reveal:
            guard body.isNull else { throw body.error("\(kindName) takes no value (write '- \(kindName):' and the common keys beside it)") }
        case .orbit:
            for (key, value) in try body.mapping(allowed: ["yaw", "elevation"]) {
                if key == "yaw" {
                    shot.yaw = try range(value, SceneRules.yaw)
                } else {
                    shot.elevation = try range(value, SceneRules.elevation)
                }
            }
        case .flyTo, .open, .neuron:
            let text = try body.string()
            guard let subject = SubjectName.parse(text) else {
                throw body.error("expected a layer (conv1), a map (conv2[5]), a node (fc1[37]) or a unit (conv1[3, 14, 12]), got '\(text)'")
            }
            if kind == .open, !subject.indexes.isEmpty {
                throw body.error("open takes a layer name (open: \(subject.layer)), got '\(text)'")
            }
            if kind == .neuron, subject.indexes.isEmpty || subject.indexes.count == 2 {
                throw body.error("neuron takes a map or node (conv1[3], fc1[37]) or a unit (conv1[3, 14, 12]), got '\(text)'")
            }
            if kind == .flyTo, subject.indexes.count > 1 {
                throw body.error("fly-to takes a layer, a map (conv2[5]) or a node (fc1[37]), got '\(text)'")
            }
            shot.subject = subject
        }
        for (key, value) in entries where !kinds.contains(key) {
            switch key {
            case "duration": shot.duration = try value.number(shotSeconds)
            case "easing": shot.easing = try value.choice(TourEasing.self)
            case "title": shot.title = try text(value)
            case "caption":
                let caption = try text(value)
                if caption == "none" { shot.noCaption = true } else { shot.caption = caption }
            case "prediction": shot.prediction = try value.boolean()
            case "at": shot.at = try value.number(shotStart)
            case "until":
                guard try value.string() == "audio-end" else {
                    throw value.error("until takes audio-end (the shot lasts until the voice-over ends)")
                }
                guard entries.first(where: { $0.key == "duration" }) == nil else {
                    throw value.error("a shot lasts either a duration or until: audio-end, not both")
                }
                shot.untilAudioEnd = true
            case "yaw", "elevation":
                guard kind == .flyTo || kind == .neuron else {
                    throw value.error(
                        kind == .orbit
                            ? "an orbit's angles go inside it: orbit: { \(key): [from, to] }"
                            : "\(key) is for fly-to and neuron shots")
                }
                if key == "yaw" {
                    let v = try value.number(SceneRules.yaw)
                    shot.yaw = (v, v)
                } else {
                    let v = try value.number(SceneRules.elevation)
                    shot.elevation = (v, v)
                }
            default: break
            }
        }
        return shot
    }

    /// A number, or a list `[from, to]` of two.
    static func range(_ node: SceneNode, _ rule: ValueRule<Double>) throws(SceneFileError) -> (from: Double, to: Double) {
        if case .sequence = node.node {
            let items = try node.sequence()
            guard items.count == 2 else { throw node.error("expected one number or a list [from, to] of two, got \(items.count) values") }
            return (try items[0].number(rule), try items[1].number(rule))
        }
        let v = try node.number(rule)
        return (v, v)
    }

    /// A title or caption: non-empty text, not too long.
    static func text(_ node: SceneNode) throws(SceneFileError) -> String {
        let value = try node.string()
        guard value.count <= maximumText else { throw node.error("is \(value.count) characters long; the limit is \(maximumText)") }
        return value
    }
}
