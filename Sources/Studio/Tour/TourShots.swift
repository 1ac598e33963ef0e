import DigitNet
import Renderer

/// Turns the shots a scene names (`fly-to: conv2[5]`) into shots the planner reads (layer and
/// unit indexes), checked against the network: every problem names the scene line and key.
enum TourShots {
    /// The scene's layers: the input, then every stage.
    static func layerNames(_ network: Network) -> [String] { ["input"] + network.stages.map(\.name.rawValue) }

    /// Resolves `specs` for `network` reading `trace`; `locations` label errors.
    static func resolve(
        _ specs: [ShotSpec], network: Network, trace: Trace, locations: SceneLocations
    ) throws(SceneFileError) -> [TourShot] {
        var shots: [TourShot] = []
        for (i, spec) in specs.enumerated() {
            let kind: TourShot.Kind
            let at = spec.keyPath + "." + spec.kind.rawValue
            switch spec.kind {
            case .orbit:
                let yaw = spec.yaw ?? (i == 0 ? (-60, -30) : (-35, -35))
                let elevation = spec.elevation ?? (20, 20)
                kind = .orbit(yawFrom: yaw.from, yawTo: yaw.to, elevationFrom: elevation.from, elevationTo: elevation.to)
            case .hold: kind = .hold
            case .reveal: kind = .reveal
            case .flyTo:
                guard let subject = spec.subject else { throw locations.error(at: at, "fly-to needs a subject") }
                if subject.layer == "network" && subject.indexes.isEmpty {
                    kind = .flyTo(.network)
                } else {
                    let (layer, shape) = try find(subject, network: network, locations: locations, at: at)
                    if let index = subject.indexes.first {
                        let count = shape.count == 3 ? shape[0] : shape.reduce(1, *)
                        try check(index, below: count, what: shape.count == 3 ? "maps" : "nodes", subject, locations, at)
                        kind = .flyTo(shape.count == 3 ? .map(layer: layer, map: index) : .node(layer: layer, node: index))
                    } else {
                        kind = .flyTo(.layer(layer))
                    }
                }
            case .open:
                guard let subject = spec.subject else { throw locations.error(at: at, "open needs a layer") }
                let (layer, _) = try find(subject, network: network, locations: locations, at: at)
                kind = .open(layer: layer)
            case .neuron:
                guard let subject = spec.subject else { throw locations.error(at: at, "neuron needs a unit") }
                let (layer, shape) = try find(subject, network: network, locations: locations, at: at)
                guard layer > 0 else {
                    throw locations.error(at: at, "the input is not computed from anything; choose a unit of a later layer")
                }
                let unit = try unitIndex(subject, layer: layer, shape: shape, trace: trace, network: network, locations: locations, at: at)
                guard NeuronArithmetic.of(network: network, trace: trace, stage: layer - 1, unit: unit) != nil else {
                    throw locations.error(
                        at: at, "\(subject.layer) has no convolution, dense or pooling operation whose arithmetic could be shown")
                }
                kind = .neuron(layer: layer, unit: unit)
            }
            shots.append(
                TourShot(
                    kind, duration: spec.duration, easing: spec.easing, title: spec.title, caption: spec.caption,
                    noCaption: spec.noCaption, yaw: spec.yaw?.to, elevation: spec.elevation?.to, prediction: spec.prediction,
                    at: spec.at, untilAudioEnd: spec.untilAudioEnd))
        }
        return shots
    }

    /// The scene index and activation shape of the subject's layer.
    static func find(
        _ subject: SubjectName, network: Network, locations: SceneLocations, at: String
    ) throws(SceneFileError) -> (Int, [Int]) {
        let names = layerNames(network)
        guard let layer = names.firstIndex(of: subject.layer) else {
            throw locations.error(at: at, "the network has no layer '\(subject.layer)'; choose one of \(names.joined(separator: ", "))")
        }
        return (layer, network.shapes[layer])
    }

    static func check(
        _ index: Int, below count: Int, what: String, _ subject: SubjectName, _ locations: SceneLocations, _ at: String
    ) throws(SceneFileError) {
        guard index < count else {
            throw locations.error(at: at, "\(subject.layer) has \(count) \(what) (0...\(count - 1)), got \(subject)")
        }
    }

    /// The flat unit of a neuron subject: `conv1[3]` the most active unit of map 3,
    /// `conv1[3, 14, 12]` map 3 row 14 column 12, `fc1[37]` node 37.
    static func unitIndex(
        _ subject: SubjectName, layer: Int, shape: [Int], trace: Trace, network: Network, locations: SceneLocations,
        at: String
    ) throws(SceneFileError) -> Int {
        let values = trace[network.stages[layer - 1].name]?.data ?? []
        if shape.count == 3 {
            let (maps, h, w) = (shape[0], shape[1], shape[2])
            let map = subject.indexes[0]
            try check(map, below: maps, what: "maps", subject, locations, at)
            if subject.indexes.count == 3 {
                try check(subject.indexes[1], below: h, what: "rows", subject, locations, at)
                try check(subject.indexes[2], below: w, what: "columns", subject, locations, at)
                return (map * h + subject.indexes[1]) * w + subject.indexes[2]
            }
            let start = map * h * w
            var best = start
            for i in start..<min(start + h * w, values.count) where values[i] > values[best] { best = i }
            return best
        }
        guard subject.indexes.count == 1 else {
            throw locations.error(at: at, "\(subject.layer) is a vector of \(shape.reduce(1, *)) nodes; name one node: \(subject.layer)[N]")
        }
        try check(subject.indexes[0], below: shape.reduce(1, *), what: "nodes", subject, locations, at)
        return subject.indexes[0]
    }
}
