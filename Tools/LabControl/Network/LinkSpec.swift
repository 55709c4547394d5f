/// A link of a topology: node `from` reaches node `to`'s port `port` through a proxy inside labctl
/// listening on `listenPort` (what `{{via.to.port}}` renders to in `from`'s templates).
public struct LinkSpec: Codable, Sendable, Hashable, CustomStringConvertible {
    public var from: String
    public var to: String
    public var port: String
    public var listenPort: Int
    public var targetPort: Int

    public var description: String { "\(self.from)->\(self.to).\(self.port)" }
}
