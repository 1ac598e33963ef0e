import Yams

extension SceneNode {
    /// `true` or `false` (also yes/no, on/off as YAML writes them).
    func boolean() throws(SceneFileError) -> Bool {
        if case .scalar(let scalar) = node {
            switch scalar.string.trimmingCharacters(in: .whitespaces).lowercased() {
            case "true", "yes", "on": return true
            case "false", "no", "off": return false
            default: break
            }
        }
        throw error("expected true or false, got \(shown)")
    }
}
