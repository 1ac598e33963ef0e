import Geometry
import Testing

@Test func polygonWhollyInFrontIsUnchanged() {
    let square = [Vec3(-1, -1, -5), Vec3(1, -1, -5), Vec3(1, 1, -5), Vec3(-1, 1, -5)]
    let out = Clipping.clipPolygon(square, eye: .zero, forward: Vec3(0, 0, -1), near: 1)
    #expect(out.count == 4)
    #expect(Set(out) == Set(square))
}

@Test func polygonWhollyBehindVanishes() {
    let square = [Vec3(-1, -1, 5), Vec3(1, -1, 5), Vec3(1, 1, 5), Vec3(-1, 1, 5)]
    #expect(Clipping.clipPolygon(square, eye: .zero, forward: Vec3(0, 0, -1), near: 1).isEmpty)
}

@Test func polygonStraddlingNearPlaneIsCutOnThePlane() {
    // A square in the x–z plane from z = +2 to z = −4; the near plane is z = −1.
    let square = [Vec3(-1, 0, 2), Vec3(1, 0, 2), Vec3(1, 0, -4), Vec3(-1, 0, -4)]
    let out = Clipping.clipPolygon(square, eye: .zero, forward: Vec3(0, 0, -1), near: 1)
    #expect(out.count == 4)
    #expect(out.allSatisfy { $0.z <= -1 + 1e-12 })
    #expect(out.filter { abs($0.z + 1) < 1e-12 }.count == 2)
    #expect(out.contains(Vec3(1, 0, -1)) && out.contains(Vec3(-1, 0, -1)))
}

@Test func triangleWithOneVertexInFrontBecomesTriangle() {
    let tri = [Vec3(0, 0, -3), Vec3(2, 0, 1), Vec3(-2, 0, 1)]
    let out = Clipping.clipPolygon(tri, eye: .zero, forward: Vec3(0, 0, -1), near: 1)
    #expect(out.count == 3)
    // Edges from (0,0,−3) to (±2,0,1) cross z = −1 halfway: x = ±1.
    #expect(out.contains(Vec3(1, 0, -1)) && out.contains(Vec3(-1, 0, -1)))
}

@Test func segmentClipping() throws {
    let f = Vec3(0, 0, -1)
    let (a, b) = try #require(Clipping.clipSegment(Vec3(0, 0, 3), Vec3(0, 4, -5), eye: .zero, forward: f, near: 1))
    #expect(abs(a.z + 1) < 1e-12 && abs(a.y - 2) < 1e-12)
    #expect(b == Vec3(0, 4, -5))
    #expect(Clipping.clipSegment(Vec3(0, 0, 3), Vec3(0, 0, 0), eye: .zero, forward: f, near: 1) == nil)
}

@Test func projectorClipsBeforeProjecting() {
    let camera = Camera(eye: .zero, target: Vec3(0, 0, -1), fovY: 60, aspect: 1, near: 1)
    let p = camera.projector(width: 100, height: 100)
    let quad = [Vec3(-1, -1, 2), Vec3(1, -1, 2), Vec3(1, -1, -6), Vec3(-1, -1, -6)]
    let projected = p.projectPolygon(quad)
    #expect(projected.count == 4)
    #expect(projected.allSatisfy { $0.depth >= 1 - 1e-9 && $0.x.isFinite && $0.y.isFinite })
    #expect(p.projectSegment(Vec3(0, 0, 1), Vec3(0, 0, 3)) == nil)
}
