extension Manifest {
    /// The nodes in an order where every node comes after the nodes it depends on; among nodes
    /// free to start, manifest order is kept. Valid because the parser rejects cycles.
    public var startOrder: [NodeSpec] {
        var started: Set<String> = []
        var order: [NodeSpec] = []
        while order.count < self.nodes.count {
            guard let next = self.nodes.first(where: { node in
                !started.contains(node.name) && node.dependsOn.allSatisfy(started.contains)
            }) else { break }
            started.insert(next.name)
            order.append(next)
        }
        return order
    }
}
