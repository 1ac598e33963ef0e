import DigitNet
import Foundation
import Support
import Yams

extension SceneDescription {
    /// Reads and validates a scene file. Every problem is a `SceneError` naming `path`, the line
    /// and the key path.
    public static func load(path: String) throws(SceneError) -> SceneDescription {
        try parse(yaml: try SceneText.read(path), file: path)
    }

    /// Decodes scene YAML holding exactly one scene; `file` is only used to label errors.
    public static func parse(yaml: String, file: String) throws(SceneError) -> SceneDescription {
        let scenes = try parseAll(yaml: yaml, file: file)
        guard scenes.count == 1, let scene = scenes.first else {
            throw SceneError(file: file, line: nil, keyPath: "", message: "holds \(scenes.count) scene documents; expected one")
        }
        return scene
    }

    /// Reads a scene file holding one or more scene documents (separated by `---`).
    public static func loadAll(path: String) throws(SceneError) -> [SceneDescription] {
        try parseAll(yaml: try SceneText.read(path), file: path)
    }

    /// Decodes every scene document in `yaml`; `file` is only used to label errors.
    public static func parseAll(yaml: String, file: String) throws(SceneError) -> [SceneDescription] {
        try SceneText.checkNesting(yaml, file: file)
        var roots: [Node] = []
        do {
            var documents = try Yams.compose_all(yaml: yaml)
            while let node = documents.next() {
                guard roots.count < Limit.sceneDocuments.maximum else {
                    throw SceneError(file: file, line: node.mark?.line, keyPath: "",
                                     message: "holds more than the limit of \(Limit.sceneDocuments)")
                }
                roots.append(node)
            }
            if let error = documents.error { throw error }
        } catch let error as SceneError {
            throw error
        } catch let error as YamlError {
            throw yamlSyntaxError(error, file: file)
        } catch {
            throw SceneError(file: file, line: nil, keyPath: "", message: "not valid YAML (\(error))")
        }
        guard !roots.isEmpty else {
            throw SceneError(file: file, line: nil, keyPath: "", message: "the scene is empty; it needs at least 'input:'")
        }
        return try roots.map { root throws(SceneError) in try decode(SceneNode(node: root, file: file, path: "")) }
    }

    static func decode(_ root: SceneNode) throws(SceneError) -> SceneDescription {
        var input: String?
        var outputs: [SceneOutput]?
        var style = SceneStyle()
        for (key, value) in try root.mapping(allowed: ["input", "outputs", "style"]) {
            switch key {
            case "input": input = try value.string()
            case "outputs":
                let items = try value.sequence()
                guard items.count <= Limit.sceneOutputs.maximum else {
                    throw value.error("lists \(items.count) outputs, over the limit of \(Limit.sceneOutputs)")
                }
                outputs = try items.map { item throws(SceneError) in try decodeOutput(item) }
            default: style = try decodeStyle(value)
            }
        }
        guard let input else {
            throw SceneError(file: root.file, line: root.line, keyPath: "input",
                             message: "missing; name a PNG, mnist:test:N or sample:N")
        }
        let scene = SceneDescription(input: input, outputs: outputs ?? [.orbit(OrbitSpec())], style: style)
        return scene
    }

    static func decodeOutput(_ item: SceneNode) throws(SceneError) -> SceneOutput {
        let entries = try item.mapping(allowed: ["orbit", "poster", "preprocess"])
        guard entries.count == 1, let (kind, body) = entries.first else {
            throw item.error("each output is exactly one of orbit, poster, preprocess")
        }
        switch kind {
        case "orbit": return .orbit(try decodeOrbit(body))
        case "poster": return .poster(try decodePoster(body))
        default: return .preprocess(try decodePreprocess(body))
        }
    }

    static func decodeOrbit(_ node: SceneNode) throws(SceneError) -> OrbitSpec {
        var spec = OrbitSpec()
        let keys = ["file", "size", "fps", "seconds", "elevation", "yaw", "turns", "distance", "easing", "reveal", "reveal-seconds"]
        for (key, value) in try node.mapping(allowed: keys) {
            switch key {
            case "file":
                spec.file = try value.string()
                do { _ = try VideoFormat.forPath(spec.file) } catch { throw value.error(error.description) }
            case "size": spec.size = try value.frameSize()
            case "fps": spec.fps = try value.integer(in: 1...240, what: "a positive integer (1...240)")
            case "seconds": spec.seconds = try value.number(in: 0.01...3600, what: "a positive number of seconds (at most 3600)")
            case "elevation": spec.elevation = try value.number(in: -89...89, what: "degrees between -89 and 89")
            case "yaw": spec.yaw = try value.number(in: -3600...3600, what: "degrees")
            case "turns": spec.turns = try value.number(in: -100...100, what: "a number of turns (-100...100)")
            case "distance": spec.distance = try value.number(in: 0.5...20, what: "a framing factor between 0.5 and 20")
            case "easing": spec.easing = try value.choice(Easing.self)
            case "reveal": spec.reveal = try value.choice(Reveal.self)
            default: spec.revealSeconds = try value.number(in: 0...3600, what: "a number of seconds")
            }
        }
        if let reveal = spec.revealSeconds, reveal >= spec.seconds, spec.reveal == .forwardPass {
            throw node.error("reveal-seconds (\(reveal)) must be shorter than seconds (\(spec.seconds))")
        }
        return spec
    }

    static func decodePoster(_ node: SceneNode) throws(SceneError) -> PosterSpec {
        var spec = PosterSpec()
        for (key, value) in try node.mapping(allowed: ["file", "layer", "size"]) {
            switch key {
            case "file": spec.file = try value.drawingFile(what: "a poster")
            case "layer":
                spec.layer = try value.string()
                let names = Network.lenet().stages.map(\.name)
                guard spec.layer == "all" || names.contains(spec.layer) else {
                    throw value.error("no layer named \(spec.layer); choose one of \(names.joined(separator: ", ")) or all")
                }
            default: spec.size = try value.frameSize()
            }
        }
        return spec
    }

    static func decodePreprocess(_ node: SceneNode) throws(SceneError) -> PreprocessSpec {
        var spec = PreprocessSpec()
        for (key, value) in try node.mapping(allowed: ["file", "steps-dir"]) {
            switch key {
            case "file": spec.file = try value.drawingFile(what: "a preprocessing sheet")
            default: spec.stepsDir = try value.string()
            }
        }
        return spec
    }

    static func decodeStyle(_ node: SceneNode) throws(SceneError) -> SceneStyle {
        var style = SceneStyle()
        for (key, value) in try node.mapping(allowed: ["colormap", "background", "edges"]) {
            switch key {
            case "colormap": style.colormap = try value.choice(SceneColormap.self)
            case "background":
                let text = try value.string()
                guard isHexColour(text) else { throw value.error("expected a colour #rrggbb, got '\(text)'") }
                style.background = text
            default: style.edges = try value.integer(in: 0...64, what: "a number of edges per node (0...64)")
            }
        }
        return style
    }

    static func isHexColour(_ text: String) -> Bool {
        text.count == 7 && text.first == "#" && text.dropFirst().allSatisfy(\.isHexDigit)
    }

    static func yamlSyntaxError(_ error: YamlError, file: String) -> SceneError {
        switch error {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let prefix = context.map { "\($0.text) " } ?? ""
            return SceneError(file: file, line: mark.line, keyPath: "", message: "not valid YAML: \(prefix)\(problem)")
        case .duplicatedKeysInMapping(let duplicates, _):
            return SceneError(file: file, line: nil, keyPath: "", message: "duplicated keys: \(duplicates.joined(separator: ", "))")
        default:
            return SceneError(file: file, line: nil, keyPath: "", message: "not valid YAML (\(error))")
        }
    }
}
