import DigitNet
import Renderer

/// The fixed input of every renderer test: seeded weights and the synthetic 7, so goldens do
/// not change when the trained weights do.
enum FixedScene {
    static func network() -> Network { Network.lenet(seed: 1) }
    static var image: Tensor { SyntheticDigit.seven() }

    /// The seeded network's trace of the synthetic 7.
    static func trace() -> (network: Network, trace: Trace) {
        let network = network()
        return (network, network.forward(image))
    }

    /// A renderer for the fixed scene under `style`.
    static func renderer(_ style: FrameStyle = FrameStyle()) throws -> FrameRenderer {
        let (network, trace) = trace()
        return FrameRenderer(scene: try SceneBuilder.build(network: network, trace: trace), style: style)
    }
}
