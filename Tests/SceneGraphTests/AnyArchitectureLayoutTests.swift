import DigitNet
import Geometry
import SceneGraph
import TestSupport
import Testing

/// The layout is computed from shapes alone: these networks are not LeNet, and nothing in
/// the layout knows their layer names.
private func sceneOf(_ architecture: Architecture) throws -> NetworkScene {
    let network = try Network(architecture, weights: .initial(seed: 3))
    let trace = network.forward(SyntheticDigit.seven())
    return try SceneBuilder.build(network: network, trace: trace)
}

/// The four corners of each grid of `layer`, in the layer's plane as (along columns, up).
private func planeRects(_ layer: LayerNode, column: Vec3) -> [(x0: Double, x1: Double, y0: Double, y1: Double)] {
    layer.grids.map { g in
        let xs = g.outline.map { column.dot($0) }, ys = g.outline.map(\.y)
        return (xs.min()!, xs.max()!, ys.min()!, ys.max()!)
    }
}

private let networks: [(String, Architecture)] = [
    ("lenet", .lenet), ("pytorch", TestArchitectures.pytorchExample), ("twelve", TestArchitectures.twelveStages),
    ("three", TestArchitectures.threePlanes), ("wide", TestArchitectures.dense(units: 3000)),
    ("128 maps", TestArchitectures.convolution(channels: 128)),
]

@Test(arguments: networks.map(\.0))
func noTwoSlabsOverlapAndEachFitsItsBudget(_ key: String) throws {
    let architecture = try #require(networks.first { $0.0 == key }?.1)
    let scene = try sceneOf(architecture)
    let b = scene.layers.map(\.bounds)
    // Boxes that enclose whole slabs are pairwise disjoint along the flow axis, so no two
    // slabs can touch; and there is room between neighbours for the contribution lines.
    for i in b.indices {
        for j in b.indices where j > i {
            #expect(b[i].max.x + 4 < b[j].min.x, "\(key): \(scene.layers[i].name) reaches \(scene.layers[j].name)")
        }
    }
    for layer in scene.layers {
        #expect(layer.bounds.size.y <= GridPlanner.slabHeight + 1e-9, "\(key): \(layer.name) is too tall")
        let column = SceneLayout.standard.columnDirection
        let widths = planeRects(layer, column: column)
        let w = (widths.map(\.x1).max() ?? 0) - (widths.map(\.x0).min() ?? 0)
        #expect(w <= GridPlanner.slabWidth + 1e-9, "\(key): \(layer.name) is too wide")
    }
}

@Test(arguments: networks.map(\.0))
func mapsOfALayerNeverOverlapAndAllAreShown(_ key: String) throws {
    let architecture = try #require(networks.first { $0.0 == key }?.1)
    let scene = try sceneOf(architecture)
    let column = SceneLayout.standard.columnDirection
    for layer in scene.layers where layer.shape.count == 3 {
        #expect(layer.grids.count == layer.shape[0])
        let rects = planeRects(layer, column: column)
        for i in rects.indices {
            for j in rects.indices where j > i {
                let (a, c) = (rects[i], rects[j])
                let apart = a.x1 <= c.x0 + 1e-9 || c.x1 <= a.x0 + 1e-9 || a.y1 <= c.y0 + 1e-9 || c.y1 <= a.y0 + 1e-9
                #expect(apart, "\(key): maps \(i) and \(j) of \(layer.name) overlap")
            }
        }
    }
}

@Test func everyChannelCountFrom1To128GetsAFullGridOfReadableMaps() {
    for channels in 1...128 {
        let l = GridPlanner.maps(channels: channels, height: 26, width: 26)
        #expect(l.rows * l.cols >= channels)
        // No empty row, and not a single long strip once there are a few maps.
        #expect(l.rows * l.cols - channels < l.cols, "\(channels) maps: \(l.rows)×\(l.cols)")
        #expect(channels < 4 || (l.rows >= 2 && l.cols <= l.rows), "\(channels) maps: \(l.rows)×\(l.cols)")
        let height = Double(l.rows) * l.size + Double(l.rows - 1) * l.gap
        let width = Double(l.cols) * l.size + Double(l.cols - 1) * l.gap
        #expect(height <= GridPlanner.slabHeight + 1e-9 && width <= GridPlanner.slabWidth + 1e-9)
        // 128 maps of 26×26 still get 2.45 world units each (the input is 28).
        #expect(l.size > 2.4, "\(channels) maps: side \(l.size)")
        #expect(l.gap > 0 && l.gap < l.size / 2)
    }
}

@Test func denseNodeGridsKeepTheirAspectForAnyWidth() {
    for count in [1, 2, 3, 10, 32, 84, 120, 128, 500, 1000, 2048, 3000, 4096] {
        let l = GridPlanner.nodes(count: count)
        #expect(l.rows * l.cols >= count && l.rows * l.cols - count < l.cols, "\(count): \(l.rows)×\(l.cols)")
        let aspect = Double(l.rows) / Double(l.cols)
        #expect(aspect >= 1 && aspect <= 2.5, "\(count) nodes: \(l.rows)×\(l.cols)")
        #expect(Double(l.rows) * l.size <= GridPlanner.nodeHeight + 1e-9)
        #expect(l.fill > 0 && l.fill <= 1)
    }
}

@Test func lenetStaysCloseToTheLook() throws {
    // The look's hand-tuned values, now computed: sides within 10 %, gaps within 3 %.
    let look: [(LayerID, Int, Int, Double)] = [
        ("conv1", 4, 2, 11), ("pool1", 4, 2, 8), ("conv2", 8, 2, 5.6), ("pool2", 8, 2, 3.8),
        ("fc1", 15, 8, 2.9), ("fc2", 12, 7, 3.1), ("output", 10, 1, 3.6),
    ]
    let network = try Network(.lenet, weights: .zeros)
    let shapes = network.shapes
    for (i, (name, rows, cols, size)) in look.enumerated() {
        let kind: LayerKind = i == look.count - 1 ? .output : (shapes[i + 1].count == 3 ? .maps : .dense)
        let l = SceneLayout.standard.layout(for: name, shape: shapes[i + 1], kind: kind)
        #expect(l.rows == rows && l.cols == cols, "\(name): \(l.rows)×\(l.cols)")
        #expect(abs(l.size - size) / size < 0.1, "\(name): side \(l.size), the look has \(size)")
    }
    // The look was drawn with planes turned 20°.
    var layout = SceneLayout.standard
    layout.planeTurn = 20
    let lenet = try Network(.lenet, weights: .initial(seed: 3))
    let scene = try SceneBuilder.build(network: lenet, trace: lenet.forward(SyntheticDigit.seven()), layout: layout)
    let xs = scene.layers.map(\.planeX)
    let gaps = zip(xs.dropFirst(), xs).map { $0 - $1 }
    for (gap, lookGap) in zip(gaps, [38.0, 39, 41, 43, 47, 51, 55]) {
        #expect(abs(gap - lookGap) / lookGap < 0.03, "gap \(gap), the look has \(lookGap)")
    }
}

@Test func deepNetworksStayCompactAndGapsGrowTowardTheOutput() throws {
    let twelve = try sceneOf(TestArchitectures.twelveStages)
    let lenet = try sceneOf(.lenet)
    #expect(twelve.layers.count == 13)
    let xs = twelve.layers.map(\.planeX)
    let gaps = zip(xs.dropFirst(), xs).map { $0 - $1 }
    #expect(gaps.allSatisfy { $0 >= 24 })
    // 12 gaps where LeNet has 7, yet the network grows by less than the gap count does.
    let length = { (s: NetworkScene) in s.bounds.size.x }
    #expect(length(twelve) < length(lenet) * 12 / 7 * 0.9)
    let three = try sceneOf(TestArchitectures.threePlanes)
    #expect(three.layers.count == 3 && three.layers[1].kind == .dense && three.layers[2].kind == .output)
}

@Test func captionsFoldActivationsAndShowFlatten() throws {
    let scene = try sceneOf(TestArchitectures.pytorchExample)
    #expect(scene.layers.map(\.name) == ["input", "conv1", "conv2", "pool1", "fc1", "fc2"])
    #expect(scene.layers.map(\.kind) == [.input, .maps, .maps, .maps, .dense, .output])
    #expect(
        scene.layers.map(\.caption) == [
            "", "conv 3×3 · ReLU", "conv 3×3 · ReLU", "max-pool 2×2", "flatten · dense · ReLU", "dense · softmax",
        ])
    #expect(scene.layers.map(\.shapeLabel) == ["1@28×28", "32@26×26", "64@24×24", "64@12×12", "128", "10 · softmax"])
    #expect(scene.modelName == "PyTorch MNIST example")
}

@Test func outputsCarryTheModelsLabels() throws {
    var architecture = TestArchitectures.threePlanes
    architecture.labels = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
    let scene = try sceneOf(architecture)
    let output = try #require(scene.layers.last)
    #expect(output.nodeLabels == architecture.labels)
    #expect(output.grids[0].cols == 1 && output.grids[0].rows == 10)
    // Many classes become a grid without per-node labels (they would collide).
    var many = TestArchitectures.threePlanes
    many.layers[3] = .linear(units: 100)
    many.labels = (0..<100).map { "class \($0)" }
    let manyScene = try sceneOf(many)
    let grid = try #require(manyScene.layers.last)
    #expect(grid.nodeLabels.isEmpty && grid.grids[0].cols > 1)
}

@Test func gapsMakeRoomForHowWideSlabsLookFromTheCamera() {
    var at20 = SceneLayout.standard, at35 = SceneLayout.standard
    at20.planeTurn = 20
    at35.planeTurn = 35
    // Turned 20°, a unit of slab width looks about as wide as a unit of gap; turned further
    // toward the camera, slabs look wider and wide neighbours get more room.
    #expect(abs(at20.widthPerGap - 1) < 0.05, "\(at20.widthPerGap)")
    #expect(at35.widthPerGap > at20.widthPerGap + 0.1)
    let wide = (GridPlanner.slabWidth, GridPlanner.slabWidth)
    #expect(at35.gap(after: 1, of: 6, widths: wide) > at20.gap(after: 1, of: 6, widths: wide))
    #expect(at20.gap(after: 1, of: 6, widths: wide) >= GridPlanner.slabWidth * at20.widthPerGap + 6 - 1e-9)
    #expect(at35.gap(after: 1, of: 6, widths: wide) >= GridPlanner.slabWidth * at35.widthPerGap + 6 - 1e-9)
    // An explicit list wins.
    var explicit = at20
    explicit.spacing = [50]
    #expect(explicit.gap(after: 3, of: 6, widths: wide) == 50)
}
