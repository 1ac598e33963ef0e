import Geometry
import Testing

private func close(_ a: Double, _ b: Double, _ tol: Double = 1e-9) -> Bool { abs(a - b) <= tol }
private func close(_ a: Vec3, _ b: Vec3, _ tol: Double = 1e-9) -> Bool { (a - b).length <= tol }

@Test func vectorAlgebra() {
    let a = Vec3(1, 2, 3), b = Vec3(-2, 0.5, 4)
    #expect(a.dot(b) == -2 + 1 + 12)
    #expect(Vec3.unitX.cross(.unitY) == .unitZ)
    #expect(close(a.cross(b).dot(a), 0))
    #expect(close(Vec3(3, 4, 0).length, 5))
    #expect(close(Vec3(0, 0, 7).normalized, .unitZ))
}

@Test func matrixProductAndTransforms() {
    let t = Mat4.translation(Vec3(1, 2, 3))
    let r = Mat4.rotationY(.pi / 2)
    // Rotating +X a quarter turn about +Y gives −Z; then translating.
    #expect(close((t * r).transformPoint(.unitX), Vec3(1, 2, 2)))
    #expect(close(r.transformDirection(.unitZ), .unitX))
    #expect(Mat4.identity * t == t)
}

@Test func cameraOnAxisProjectsTargetToCentre() throws {
    let camera = Camera(eye: Vec3(0, 0, 10), target: .zero, fovY: 90, aspect: 2)
    let p = try #require(camera.project(.zero, width: 200, height: 100))
    #expect(close(p.x, 100) && close(p.y, 50) && close(p.depth, 10))
}

@Test func cameraProjectsKnownPoint() throws {
    // 90° vertical field: at depth d the half-height visible is d, so (0, 5, 0) seen from
    // 10 units away sits a quarter of the image above centre.
    let camera = Camera(eye: Vec3(0, 0, 10), target: .zero, fovY: 90, aspect: 1)
    let up = try #require(camera.project(Vec3(0, 5, 0), width: 100, height: 100))
    #expect(close(up.x, 50) && close(up.y, 25))
    let right = try #require(camera.project(Vec3(10, 0, 0), width: 100, height: 100))
    #expect(close(right.x, 100) && close(right.y, 50))
}

@Test func viewAndProjectionMatricesAgreeWithProjector() throws {
    let camera = Camera(eye: Vec3(3, 4, 12), target: Vec3(1, -1, 0), fovY: 30, aspect: 16.0 / 9, near: 0.5, far: 500)
    let p = Vec3(2.5, 0.3, -1.7)
    let clip = (camera.projectionMatrix * camera.viewMatrix).apply(SIMD4(p.x, p.y, p.z, 1))
    let ndc = (clip.x / clip.w, clip.y / clip.w)
    let s = try #require(camera.project(p, width: 1600, height: 900))
    #expect(close(s.x, (ndc.0 + 1) / 2 * 1600, 1e-6))
    #expect(close(s.y, (1 - ndc.1) / 2 * 900, 1e-6))
    #expect(close(camera.toView(p).z, -s.depth, 1e-9))
    #expect(close(camera.viewMatrix.transformPoint(p), camera.toView(p), 1e-9))
}

@Test func pointsBehindTheCameraDoNotProject() {
    let camera = Camera(eye: .zero, target: Vec3(0, 0, -1), fovY: 60, aspect: 1, near: 1)
    #expect(camera.project(Vec3(0, 0, 5), width: 10, height: 10) == nil)
    #expect(camera.project(Vec3(0, 0, -0.5), width: 10, height: 10) == nil)  // in front but before near
    #expect(camera.project(Vec3(0, 0, -2), width: 10, height: 10) != nil)
}

@Test func orbitYawConvention() {
    // Yaw 0 looks along −Z from the +Z side; −90° puts the eye on the −X side.
    #expect(close(OrbitPosition(yaw: 0, elevation: 0, distance: 5).eye(around: .zero), Vec3(0, 0, 5)))
    #expect(close(OrbitPosition(yaw: -90, elevation: 0, distance: 5).eye(around: .zero), Vec3(-5, 0, 0)))
    #expect(close(OrbitPosition(yaw: 0, elevation: 90, distance: 2).eye(around: Vec3(1, 1, 1)), Vec3(1, 3, 1)))
    // At yaw 0 the flow axis +X runs to the right of the image.
    let camera = Camera.orbit(target: .zero, OrbitPosition(yaw: 0, elevation: 10, distance: 50), fovY: 12, aspect: 1)
    #expect(camera.right.x > 0.99)
}
