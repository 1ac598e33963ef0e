import DigitNet
import Geometry
import SceneGraph
import Testing

/// A fixed scene: seeded weights and the synthetic 7, so these tests do not depend on the
/// trained weights.
private func fixedScene(_ layout: SceneLayout = .standard) throws -> (Network, Trace, NetworkScene) {
    let network = try Network(.lenet, weights: .initial(seed: 1))
    let trace = network.forward(SyntheticDigit.seven())
    return (network, trace, try SceneBuilder.build(network: network, trace: trace, layout: layout))
}

@Test func everyActivationBecomesOneLayerInFlowOrder() throws {
    let (_, trace, scene) = try fixedScene()
    #expect(scene.layers.map(\.name) == ["input", "conv1", "pool1", "conv2", "pool2", "fc1", "fc2", "output"])
    #expect(scene.layers.map(\.name) == trace.names)
    #expect(scene.layers.map(\.index) == Array(0..<8))
    #expect(scene.layers.map(\.kind) == [.input, .maps, .maps, .maps, .maps, .dense, .dense, .output])
    // Planes advance along the flow axis with gaps that grow toward the output.
    let xs = scene.layers.map(\.planeX)
    let gaps = zip(xs.dropFirst(), xs).map { $0 - $1 }
    #expect(gaps.allSatisfy { $0 > 0 })
    #expect(zip(gaps.dropFirst(), gaps).allSatisfy { $0 >= $1 })
}

@Test func labelsNameShapesAndOperations() throws {
    let (_, _, scene) = try fixedScene()
    #expect(scene.layers.map(\.shapeLabel) == ["1@28×28", "8@28×28", "8@14×14", "16@10×10", "16@5×5", "120", "84", "10 · softmax"])
    #expect(scene.layers[0].caption == "")
    #expect(scene.layers[1].caption == "conv 5×5 · ReLU")
    #expect(scene.layers[2].caption == "max-pool 2×2")
    #expect(scene.layers[7].nodeLabels == (0...9).map(String.init))
}

@Test func gridsFollowTheLook() throws {
    let (_, trace, scene) = try fixedScene()
    let conv1 = try #require(scene.layer(named: "conv1"))
    #expect(conv1.grids.count == 8)
    #expect(conv1.grids.allSatisfy { $0.rows == 28 && $0.cols == 28 && $0.count == 784 })
    // Maps 0 and 1 side by side, map 2 below map 0 (4 rows × 2 columns).
    let g = conv1.grids
    #expect(abs(g[0].origin.y - g[1].origin.y) < 1e-9)
    #expect(g[2].origin.y < g[0].origin.y)
    #expect(try #require(scene.layer(named: "conv2")).grids.count == 16)
    let fc1 = try #require(scene.layer(named: "fc1"))
    #expect(fc1.grids.count == 1 && fc1.grids[0].rows == 15 && fc1.grids[0].cols == 8)
    let fc2 = try #require(scene.layer(named: "fc2"))
    #expect(fc2.grids[0].rows == 12 && fc2.grids[0].cols == 7)
    let output = try #require(scene.layer(named: "output"))
    #expect(output.grids[0].rows == 10 && output.grids[0].cols == 1)
    // Values are the trace's, map by map.
    let conv1Trace = try #require(trace["conv1"])
    #expect(g[3].values == conv1Trace.slice(3).data)
}

@Test func cellsLieOnTheirLayerPlaneInsideItsBounds() throws {
    let (_, _, scene) = try fixedScene()
    for layer in scene.layers {
        let n = scene.planeNormal
        for grid in layer.grids {
            for p in grid.outline {
                #expect(abs(n.dot(p) - layer.planeDistance) < 1e-9)
                #expect(layer.bounds.expanded(by: 1e-9).contains(p))
            }
        }
        #expect(layer.labelAnchor.y < layer.bounds.min.y)
        #expect(layer.transform.transformPoint(.zero) == Vec3(layer.planeX, 0, 0))
    }
    #expect(scene.floorY < scene.bounds.min.y)
}

@Test func unturnedPlanesArePerpendicularToTheFlow() throws {
    var layout = SceneLayout.standard
    layout.planeTurn = 0
    let (_, _, scene) = try fixedScene(layout)
    #expect((scene.planeNormal - .unitX).length < 1e-12)
    let input = scene.layers[0]
    #expect(abs(input.bounds.size.z - 28) < 1e-9 && abs(input.bounds.size.y - 28) < 1e-9)
}

@Test func contributionEdgesTraceThePredictionBackToTheInput() throws {
    let (_, trace, scene) = try fixedScene()
    #expect(!scene.edges.isEmpty)
    // Every gap has edges, each joining neighbouring layers, with strengths in 0…1 and a
    // strongest edge of 1 per gap.
    for gap in 0..<7 {
        let edges = scene.edges.filter { $0.fromLayer == gap }
        #expect(!edges.isEmpty, "gap \(gap) has no edges")
        #expect(edges.allSatisfy { $0.strength > 0 && $0.strength <= 1 })
        #expect(abs((edges.map(\.strength).max() ?? 0) - 1) < 1e-12)
        let n = scene.planeNormal
        #expect(edges.allSatisfy { abs(n.dot($0.from) - scene.layers[gap].planeDistance) < 1e-9 })
        #expect(edges.allSatisfy { abs(n.dot($0.to) - scene.layers[gap + 1].planeDistance) < 1e-9 })
    }
    // The last gap ends on the predicted output node only.
    let output = scene.layers[7].grids[0]
    #expect(scene.edges.filter { $0.fromLayer == 6 }.allSatisfy { $0.to == output.cellCenter(trace.prediction) })
    let standard = SceneLayout.standard
    #expect(scene.edges.filter { $0.fromLayer == 6 }.count == min(standard.edgesPerNode, standard.nodesPerLayer))
}

@Test func noEdgesWhenKIsZero() throws {
    var layout = SceneLayout.standard
    layout.edgesPerNode = 0
    #expect(try fixedScene(layout).2.edges.isEmpty)
}

@Test func framingPointsCoverEverySlab() throws {
    let (_, _, scene) = try fixedScene()
    let framed = Bounds3(points: scene.framingPoints)
    #expect(framed.union(scene.bounds) == framed)
}

@Test func revealLightsLayersInFlowOrder() {
    #expect(Reveal.amounts(progress: 0, count: 8).allSatisfy { $0 == 0 })
    #expect(Reveal.amounts(progress: 1, count: 8).allSatisfy { $0 == 1 })
    let mid = Reveal.amounts(progress: 0.5, count: 8)
    #expect(zip(mid, mid.dropFirst()).allSatisfy { $0 >= $1 })
    #expect(mid.first == 1 && mid.last == 0)
}

@Test func missingActivationIsAnError() throws {
    let network = try Network(.lenet, weights: .initial(seed: 1))
    var trace = network.forward(SyntheticDigit.seven())
    trace.activations.removeAll { $0.name == "pool2" }
    #expect(throws: SceneError.missingActivation(name: "pool2")) {
        try SceneBuilder.build(network: network, trace: trace)
    }
}

@Test func edgesPlaceTheNetworksContributionPathsBetweenCellCentres() throws {
    let (network, trace, scene) = try fixedScene()
    let links = network.contributionPaths(
        in: trace, linksPerUnit: SceneLayout.standard.edgesPerNode,
        unitsPerLayer: SceneLayout.standard.nodesPerLayer)
    #expect(scene.edges.count == links.count && !links.isEmpty)
    for (edge, link) in zip(scene.edges, links) {
        #expect(edge.fromLayer == link.fromLayer && edge.weight == link.share)
        #expect(edge.from == scene.layers[link.fromLayer].cellCenter(link.from))
        #expect(edge.to == scene.layers[link.fromLayer + 1].cellCenter(link.to))
    }
    // Strength is relative to the strongest edge into the same layer.
    for layer in Set(scene.edges.map(\.fromLayer)) {
        let strengths = scene.edges.filter { $0.fromLayer == layer }.map(\.strength)
        #expect(strengths.max() == 1 && strengths.allSatisfy { $0 > 0 && $0 <= 1 })
    }
}

@Test func outputNodesCarryTheModelsLabels() throws {
    let (_, _, scene) = try fixedScene()
    #expect(try #require(scene.layer(named: "output")).nodeLabels == Architecture.lenet.labels)
    #expect(scene.layer(named: .input)?.kind == .input)
}
