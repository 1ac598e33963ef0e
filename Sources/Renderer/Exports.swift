// Clients of the renderer work with cameras and scenes; importing Renderer is enough.
@_exported import Geometry
@_exported import SceneGraph
