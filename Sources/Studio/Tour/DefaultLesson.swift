import DigitNet
import Renderer

/// The lesson `cnnviz tour` renders without a scene, generated from the architecture (any
/// model file, no names written for LeNet): an orbit, the forward pass, the input, every
/// layer flown to (and opened when it has maps), a neuron close-up in the first convolution
/// and in the first hidden dense layer, and the prediction.
public enum DefaultLesson {
    /// The lesson's shots; `title` names the opening chapter (the one title scheme of every
    /// output: `LeNet reading sample 7`), the network's name when nil.
    public static func shots(network: Network, trace: Trace, title: String? = nil) -> [TourShot] {
        var shots: [TourShot] = [
            TourShot(
                .orbit(yawFrom: -62, yawTo: -30, elevationFrom: 26, elevationTo: 20), title: title ?? network.architecture.name),
            TourShot(.reveal, title: "The forward pass"),
            TourShot(.flyTo(.layer(0)), title: "The input"),
            TourShot(.hold, duration: 2.5, caption: LayerStory.caption(network: network, layer: 0)),
        ]
        let shapes = network.shapes
        let firstConv = network.stages.firstIndex { $0.conv != nil }
        let denseStages = network.stages.indices.filter { network.stages[$0].dense != nil }
        let firstDense = denseStages.first { $0 != network.stages.count - 1 } ?? denseStages.first
        for (s, stage) in network.stages.enumerated() {
            let layer = s + 1
            let caption = LayerStory.caption(network: network, layer: layer)
            shots.append(TourShot(.flyTo(.layer(layer)), title: stage.name.rawValue))
            if shapes[layer].count == 3 {
                shots.append(TourShot(.open(layer: layer), duration: 5.5))
            } else {
                shots.append(TourShot(.hold, duration: 3, caption: caption))
            }
            if s == firstConv || s == firstDense, let unit = strongest(network: network, trace: trace, stage: s),
                NeuronArithmetic.of(network: network, trace: trace, stage: s, unit: unit) != nil
            {
                shots.append(TourShot(.neuron(layer: layer, unit: unit), duration: 7))
            }
        }
        shots.append(TourShot(.flyTo(.network), title: "The answer", yaw: -35, elevation: 20, prediction: true))
        shots.append(TourShot(.hold, duration: 4, prediction: true))
        return shots
    }

    /// The most active unit of stage `s`.
    static func strongest(network: Network, trace: Trace, stage s: Int) -> Int? {
        guard let values = trace[network.stages[s].name]?.data, !values.isEmpty else { return nil }
        var best = 0
        for i in values.indices where values[i] > values[best] { best = i }
        return best
    }
}
