import DigitNet
import Geometry
import Renderer
import SceneGraph
import TestSupport
import Testing

/// Frames of networks other than LeNet at 1920×1080: the fitted camera keeps every map in
/// the free area, and nothing is drawn too small to see.
private func renderer(_ architecture: Architecture) throws -> FrameRenderer {
    let network = try Network(architecture, weights: .initial(seed: 5))
    let scene = try SceneBuilder.build(network: network, trace: network.forward(SyntheticDigit.seven()))
    return FrameRenderer(scene: scene)
}

private let architectures: [String: Architecture] = [
    "pytorch": TestArchitectures.pytorchExample, "twelve": TestArchitectures.twelveStages,
    "128 maps": TestArchitectures.convolution(channels: 128), "wide": TestArchitectures.dense(units: 2048),
    "three": TestArchitectures.threePlanes,
    // 3000 nodes make a 77×39 grid with three empty places in its last row.
    "ragged": TestArchitectures.dense(units: 3000),
]

@Test(arguments: architectures.keys.sorted())
func everyMapIsInFrameAndLargeEnoughToSee(_ key: String) throws {
    let r = try renderer(try #require(architectures[key]))
    let (w, h) = (1920, 1080)
    let layout = r.layout(width: w, height: h)
    let p = r.fittedCamera(width: w, height: h).projector(width: w, height: h)
    for layer in r.scene.layers {
        var outside = 0, covered = 0, shortest = Double.infinity, closest = Double.infinity
        for grid in layer.grids {
            let corners = try grid.outline.map { try #require(p.project($0)) }
            for s in corners {
                if s.x < layout.free.minX - 0.5 || s.x > layout.free.maxX + 0.5 || s.y < layout.free.minY - 0.5
                    || s.y > layout.free.maxY + 0.5
                {
                    outside += 1
                }
                if layout.keepOut.contains(where: { $0.contains(s.x, s.y) }) { covered += 1 }
            }
            shortest = min(shortest, (corners.map(\.y).max() ?? 0) - (corners.map(\.y).min() ?? 0))
            if layer.shape.count == 1 {
                let a = try #require(p.project(grid.cellCenter(0))), b = try #require(p.project(grid.cellCenter(grid.cols)))
                closest = min(closest, abs(b.y - a.y))
            }
        }
        #expect(outside == 0, "\(key): \(outside) map corners of \(layer.name) leave the free area")
        #expect(covered == 0, "\(key): \(covered) map corners of \(layer.name) lie under an overlay")
        // Each map (or node grid) is at least 12 px tall on screen, and nodes at least a
        // pixel and a half apart.
        #expect(shortest >= 12, "\(key): a grid of \(layer.name) is \(shortest) px tall")
        #expect(closest >= 1.5, "\(key): \(layer.name) nodes are \(closest) px apart")
    }
}

@Test(arguments: ["pytorch", "twelve", "ragged"])
func framesOfOtherNetworksRender(_ key: String) throws {
    let r = try renderer(try #require(architectures[key]))
    let camera = r.fittedCamera(width: 480, height: 270)
    let image = try r.render(camera: camera, width: 480, height: 270)
    // Something besides the background: the slabs carry colour.
    let bytes = image.bgraBytes()
    var coloured = 0
    for i in stride(from: 0, to: bytes.count, by: 4) where Int(bytes[i + 1]) > 60 { coloured += 1 }
    #expect(coloured > 500)
    #expect(r.scene.modelName == architectures[key]?.name)
}
