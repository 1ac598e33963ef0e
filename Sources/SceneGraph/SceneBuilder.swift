import DigitNet
import Geometry

/// Builds a `NetworkScene` from a network, one forward-pass trace and a layout.
public enum SceneBuilder {
    /// Lays the network out along +X, one plane per recorded activation, and places the
    /// contribution paths DigitNet traces for the predicted class between their cells.
    /// Every grid and gap follows from the layers' shapes (see `GridPlanner` and
    /// `SceneLayout.gap`), never from their names, unless `layout` overrides a layer.
    public static func build(network: Network, trace: Trace, layout: SceneLayout = .standard) throws(SceneError) -> NetworkScene {
        let names = [LayerID.input] + network.stages.map(\.name)
        let shapes = network.shapes
        let kinds = names.indices.map { i in kind(of: i, count: names.count, shape: shapes[i]) }
        let plans = names.indices.map { i in layout.layout(for: names[i], shape: shapes[i], kind: kinds[i]) }
        let widths = zip(plans, shapes).map { plan, shape in slabSize(plan, shape: shape).width }
        var layers: [LayerNode] = []
        var x = 0.0
        for (i, name) in names.enumerated() {
            guard let tensor = trace[name] else { throw .missingActivation(name: name) }
            guard tensor.shape.reduce(1, *) == shapes[i].reduce(1, *) else {
                throw .shapeMismatch(name: name, expected: shapes[i], found: tensor.shape)
            }
            if i > 0 { x += layout.gap(after: i - 1, of: names.count, widths: (widths[i - 1], widths[i])) }
            let caption = i == 0 ? "" : network.stages[i - 1].caption
            layers.append(
                try makeLayer(
                    name: name, index: i, kind: kinds[i], shape: shapes[i], values: tensor.data,
                    caption: caption, planeX: x, layout: layout, plan: plans[i], labels: network.labels))
        }
        let floor = (layers.map(\.bounds.min.y).min() ?? 0) - 9
        let links = network.contributionPaths(in: trace, linksPerUnit: layout.edgesPerNode, unitsPerLayer: layout.nodesPerLayer)
        let edges = ContributionEdge.placed(links, on: layers)
        let runnerUp = trace.top2.count > 1 ? trace.top2[1].digit : nil
        let runnerUpLinks = runnerUp.map {
            network.contributionPaths(
                in: trace, linksPerUnit: layout.edgesPerNode, unitsPerLayer: layout.nodesPerLayer, target: $0)
        }
        let input = trace[.input]?.data ?? []
        let side = Int(Double(input.count).squareRoot())
        return NetworkScene(
            layers: layers, edges: edges, runnerUpEdges: ContributionEdge.placed(runnerUpLinks ?? [], on: layers),
            prediction: trace.prediction, probabilities: trace.probabilities,
            inputImage: input, inputSide: side, floorY: floor, planeNormal: layout.planeNormal,
            modelName: network.architecture.name)
    }

    /// What layer `i` of `count` with activation `shape` is: the input first, the class
    /// scores last, maps or dense nodes between, by shape alone.
    static func kind(of i: Int, count: Int, shape: [Int]) -> LayerKind {
        if i == 0 { return .input }
        if i == count - 1 { return .output }
        return shape.count == 3 ? .maps : .dense
    }

    /// Width (along the columns) and height of a slab laid out by `l` for `shape`.
    static func slabSize(_ l: LayerLayout, shape: [Int]) -> (width: Double, height: Double) {
        if shape.count == 3 {
            let mapW = l.size, mapH = l.size * Double(shape[1]) / Double(max(shape[2], 1))
            return (
                Double(l.cols) * mapW + Double(l.cols - 1) * l.gap, Double(l.rows) * mapH + Double(l.rows - 1) * l.gap
            )
        }
        return (Double(l.cols) * l.size, Double(l.rows) * l.size)
    }

    /// Places one layer's grids on the plane `x = planeX`, centred on the X axis.
    static func makeLayer(
        name: LayerID, index: Int, kind: LayerKind, shape: [Int], values: [Float], caption: String,
        planeX: Double, layout: SceneLayout, plan: LayerLayout? = nil, labels: [String]
    ) throws(SceneError) -> LayerNode {
        let l = plan ?? layout.layout(for: name, shape: shape, kind: kind)
        let col = layout.columnDirection, down = Vec3(0, -1, 0), normal = layout.planeNormal
        let center = Vec3(planeX, 0, 0)
        var grids: [CellGrid] = []
        let width: Double, height: Double
        if shape.count == 3 {
            let (channels, h, w) = (shape[0], shape[1], shape[2])
            guard l.rows * l.cols >= channels else {
                throw .layoutTooSmall(name: name, needed: channels, available: l.rows * l.cols)
            }
            let mapW = l.size, mapH = l.size * Double(h) / Double(max(w, 1))
            width = Double(l.cols) * mapW + Double(l.cols - 1) * l.gap
            height = Double(l.rows) * mapH + Double(l.rows - 1) * l.gap
            let topLeft = center + col * (-width / 2) + Vec3(0, height / 2, 0)
            let n = h * w
            for c in 0..<channels {
                let r = c / l.cols, k = c % l.cols
                let origin = topLeft + col * (Double(k) * (mapW + l.gap)) + down * (Double(r) * (mapH + l.gap))
                grids.append(
                    CellGrid(
                        origin: origin, colStep: col * (mapW / Double(w)), rowStep: down * (mapH / Double(h)),
                        rows: h, cols: w, fill: 1, values: Array(values[(c * n)..<((c + 1) * n)]),
                        count: n, channel: c))
            }
        } else {
            let count = shape.reduce(1, *)
            guard l.rows * l.cols >= count else {
                throw .layoutTooSmall(name: name, needed: count, available: l.rows * l.cols)
            }
            width = Double(l.cols) * l.size
            height = Double(l.rows) * l.size
            var padded = values
            padded += [Float](repeating: 0, count: l.rows * l.cols - count)
            grids.append(
                CellGrid(
                    origin: center + col * (-width / 2) + Vec3(0, height / 2, 0), colStep: col * l.size,
                    rowStep: down * l.size, rows: l.rows, cols: l.cols, fill: l.fill,
                    values: padded, count: count, channel: 0))
        }
        let t = layout.thickness / 2
        var bounds = Bounds3.empty
        for sx in [-1.0, 1.0] {
            for sy in [-1.0, 1.0] {
                for sz in [-1.0, 1.0] {
                    bounds.add(center + normal * (sx * t) + Vec3(0, sy * height / 2, 0) + col * (sz * width / 2))
                }
            }
        }
        let label: String
        switch kind {
        case .output: label = "\(shape.reduce(1, *)) · softmax"
        default: label = Tensor(zeros: shape).shapeLabel
        }
        return LayerNode(
            name: name, index: index, kind: kind, shape: shape, shapeLabel: label, caption: caption,
            grids: grids, transform: .translation(center) * .rotationY(radians(layout.planeTurn)), planeX: planeX,
            planeDistance: normal.dot(center), thickness: layout.thickness, bounds: bounds,
            labelAnchor: Vec3(planeX, -height / 2 - 2.5, 0),
            nodeLabels: kind == .output && l.cols == 1 ? outputLabels(count: shape.reduce(1, *), labels: labels) : [])
    }

    /// The output column's labels: the model's labels, or the class indices when the counts
    /// disagree.
    static func outputLabels(count: Int, labels: [String]) -> [String] {
        labels.count == count ? labels : (0..<count).map(String.init)
    }
}
