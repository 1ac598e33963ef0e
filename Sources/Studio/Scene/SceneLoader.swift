import Foundation
import Renderer
import Support
import Yams

extension SceneDescription {
    /// Reads and validates a scene file. Every problem is a `SceneFileError` naming `path`, the line
    /// and the key path.
    public static func load(path: String) throws(SceneFileError) -> SceneDescription {
        try parse(yaml: try SceneText.read(path), file: path)
    }

    /// Decodes scene YAML holding exactly one scene; `file` is only used to label errors.
    public static func parse(yaml: String, file: String) throws(SceneFileError) -> SceneDescription {
        let scenes = try parseAll(yaml: yaml, file: file)
        guard scenes.count == 1, let scene = scenes.first else {
            throw SceneFileError(file: file, line: nil, keyPath: "", message: "holds \(scenes.count) scene documents; expected one")
        }
        return scene
    }

    /// Reads a scene file holding one or more scene documents (separated by `---`).
    public static func loadAll(path: String) throws(SceneFileError) -> [SceneDescription] {
        try parseAll(yaml: try SceneText.read(path), file: path)
    }

    /// Decodes every scene document in `yaml`; `file` is only used to label errors.
    public static func parseAll(yaml: String, file: String) throws(SceneFileError) -> [SceneDescription] {
        try SceneText.checkNesting(yaml, file: file)
        var roots: [Node] = []
        do {
            var documents = try Yams.compose_all(yaml: yaml)
            while let node = documents.next() {
                guard roots.count < Limit.sceneDocuments.maximum else {
                    throw SceneFileError(
                        file: file, line: node.mark?.line, keyPath: "",
                        message: "holds more than the limit of \(Limit.sceneDocuments)")
                }
                roots.append(node)
            }
            if let error = documents.error { throw error }
        } catch let error as SceneFileError {
            throw error
        } catch let error as YamlError {
            throw yamlSyntaxError(error, file: file)
        } catch {
            throw SceneFileError(file: file, line: nil, keyPath: "", message: "not valid YAML (\(error))")
        }
        guard !roots.isEmpty else {
            throw SceneFileError(file: file, line: nil, keyPath: "", message: "the scene is empty; it needs at least 'input:'")
        }
        return try roots.map { root throws(SceneFileError) in try decode(root, file: file) }
    }

    /// Decodes one document, keeping the line of every key on the result.
    static func decode(_ document: Node, file: String) throws(SceneFileError) -> SceneDescription {
        let recorder = SceneLocationRecorder()
        var scene = try decode(SceneNode(root: document, file: file, recorder: recorder))
        scene.locations = SceneLocations(file: file, lines: recorder.lines)
        return scene
    }

    static func decode(_ root: SceneNode) throws(SceneFileError) -> SceneDescription {
        var input: String?
        var outputs: [SceneOutput]?
        var style = SceneStyle()
        var model: String?
        var label: Int?
        for (key, value) in try root.mapping(allowed: ["input", "label", "model", "outputs", "style"]) {
            switch key {
            case "label": label = try value.integer(SceneRules.label)
            case "model":
                model = ModelFile.resolve(try value.string(), against: root.file)
            case "input": input = try value.string()
            case "outputs":
                let items = try value.sequence()
                guard items.count <= Limit.sceneOutputs.maximum else {
                    throw value.error("lists \(items.count) outputs, over the limit of \(Limit.sceneOutputs)")
                }
                outputs = try items.map { item throws(SceneFileError) in try decodeOutput(item) }
            default: style = try decodeStyle(value)
            }
        }
        guard let input else {
            throw SceneFileError(
                file: root.file, line: root.line, keyPath: "input",
                message: "missing; name a PNG, mnist:test:N or sample:N")
        }
        let scene = SceneDescription(
            input: input, outputs: outputs ?? [.orbit(OrbitSpec())], style: style, model: model, label: label)
        return scene
    }

    static func decodeOutput(_ item: SceneNode) throws(SceneFileError) -> SceneOutput {
        let entries = try item.mapping(allowed: ["orbit", "poster", "preprocess", "tour", "replay", "sweep"])
        guard entries.count == 1, let (kind, body) = entries.first else {
            throw item.error("each output is exactly one of orbit, poster, preprocess, tour, replay, sweep")
        }
        switch kind {
        case "orbit": return .orbit(try decodeOrbit(body))
        case "poster": return .poster(try decodePoster(body))
        case "replay": return .replay(try decodeReplay(body))
        case "sweep": return .sweep(try decodeSweep(body))
        case "tour": return .tour(try decodeTour(body))
        default: return .preprocess(try decodePreprocess(body))
        }
    }

    static func decodeOrbit(_ node: SceneNode) throws(SceneFileError) -> OrbitSpec {
        var spec = OrbitSpec()
        let keys = [
            "file", "size", "fps", "seconds", "elevation", "yaw", "motion", "swing", "turns", "distance", "easing", "reveal",
            "reveal-seconds",
        ]
        for (key, value) in try node.mapping(allowed: keys) {
            switch key {
            case "file": spec.file = try value.string()
            case "size": spec.size = try value.frameSize(for: .video)
            case "fps": spec.fps = try value.integer(SceneRules.fps)
            case "seconds": spec.seconds = try value.number(SceneRules.seconds)
            case "elevation": spec.elevation = try value.number(SceneRules.elevation)
            case "yaw": spec.yaw = try value.number(SceneRules.yaw)
            case "motion": spec.motion = try value.choice(OrbitMotion.self)
            case "swing": spec.swing = try value.number(SceneRules.swing)
            case "turns": spec.turns = try value.number(SceneRules.turns)
            case "distance": spec.distance = try value.number(SceneRules.distance)
            case "easing": spec.easing = try value.choice(Easing.self)
            case "reveal": spec.reveal = try value.choice(OrbitIntro.self)
            default: spec.revealSeconds = try value.number(SceneRules.revealSeconds)
            }
        }
        if let reveal = spec.revealSeconds, reveal >= spec.seconds, spec.reveal == .forwardPass {
            throw node.error("reveal-seconds (\(reveal)) must be shorter than seconds (\(spec.seconds))")
        }
        if spec.motion == .turn, spec.seconds < OrbitMotion.minimumTurnSeconds {
            throw node.error(
                "motion: turn needs seconds of at least \(Int(OrbitMotion.minimumTurnSeconds)) (got \(spec.seconds)): "
                    + "a shorter turn is too fast to read; use motion: swing")
        }
        return spec
    }

    static func decodeReplay(_ node: SceneNode) throws(SceneFileError) -> ReplaySpec {
        var spec = ReplaySpec()
        let keys = ["file", "strokes", "size", "fps", "hold", "lead-in", "camera", "yaw", "elevation"]
        for (key, value) in try node.mapping(allowed: keys) {
            switch key {
            case "file": spec.file = try value.string()
            case "strokes": spec.strokes = try value.string()
            case "size": spec.size = try value.frameSize(for: .video)
            case "fps": spec.fps = try value.integer(SceneRules.fps)
            case "hold": spec.hold = try value.number(SceneRules.hold)
            case "lead-in": spec.leadIn = try value.number(SceneRules.leadIn)
            case "camera": spec.camera = try value.choice(ReplayCamera.self)
            case "yaw": spec.yaw = try value.number(SceneRules.yaw)
            default: spec.elevation = try value.number(SceneRules.elevation)
            }
        }
        return spec
    }

    static func decodeSweep(_ node: SceneNode) throws(SceneFileError) -> SweepSpec {
        var spec = SweepSpec()
        let keys = ["file", "vary", "size", "fps", "seconds", "hold", "steps", "yaw", "elevation"]
        for (key, value) in try node.mapping(allowed: keys) {
            switch key {
            case "file": spec.file = try value.string()
            case "vary":
                switch SweepRange.parse(try value.string()) {
                case .success(let range): spec.range = range
                case .failure(let error): throw value.error("expected KIND:FROM:TO, got \(error)")
                }
            case "size": spec.size = try value.frameSize(for: .video)
            case "fps": spec.fps = try value.integer(SceneRules.fps)
            case "seconds": spec.seconds = try value.number(SceneRules.seconds)
            case "hold": spec.hold = try value.number(SceneRules.hold)
            case "steps": spec.steps = try value.integer(SceneRules.sweepSteps)
            case "yaw": spec.yaw = try value.number(SceneRules.yaw)
            default: spec.elevation = try value.number(SceneRules.elevation)
            }
        }
        return spec
    }

    static func decodePoster(_ node: SceneNode) throws(SceneFileError) -> PosterSpec {
        var spec = PosterSpec()
        for (key, value) in try node.mapping(allowed: ["file", "layer", "size"]) {
            switch key {
            case "file": spec.file = try value.string()
            case "layer": spec.layer = try value.string()
            default: spec.size = try value.frameSize(for: .poster)
            }
        }
        return spec
    }

    static func decodePreprocess(_ node: SceneNode) throws(SceneFileError) -> PreprocessSpec {
        var spec = PreprocessSpec()
        for (key, value) in try node.mapping(allowed: ["file", "steps-dir", "page"]) {
            switch key {
            case "file": spec.file = try value.string()
            case "page": spec.page = try value.choice(PaperSize.self)
            default: spec.stepsDir = try value.string()
            }
        }
        return spec
    }

    static func decodeStyle(_ node: SceneNode) throws(SceneFileError) -> SceneStyle {
        var style = SceneStyle()
        for (key, value) in try node.mapping(allowed: ["colormap", "background", "edges"]) {
            switch key {
            case "colormap": style.colormap = try value.choice(Colormap.Name.self, allowed: SceneStyle.sequentialColormaps)
            case "background":
                let text = try value.string()
                guard isHexColour(text) else { throw value.error("expected a colour #rrggbb, got '\(text)'") }
                style.background = text
            default: style.edges = try value.integer(SceneRules.edges)
            }
        }
        return style
    }

    static func isHexColour(_ text: String) -> Bool {
        text.count == 7 && text.first == "#" && text.dropFirst().allSatisfy(\.isHexDigit)
    }

    static func yamlSyntaxError(_ error: YamlError, file: String) -> SceneFileError {
        switch error {
        case .scanner(let context, let problem, let mark, _),
            .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let prefix = context.map { "\($0.text) " } ?? ""
            return SceneFileError(file: file, line: mark.line, keyPath: "", message: "not valid YAML: \(prefix)\(problem)")
        case .duplicatedKeysInMapping(let duplicates, _):
            return SceneFileError(file: file, line: nil, keyPath: "", message: "duplicated keys: \(duplicates.joined(separator: ", "))")
        default:
            return SceneFileError(file: file, line: nil, keyPath: "", message: "not valid YAML (\(error))")
        }
    }
}
