import Foundation

/// An SVG scatter plot of operation latency over time — one dot per completed operation (green ok,
/// red failed, orange unknown outcome) at its invocation time and latency — with fault windows
/// shaded, so that a run's hiccups line up with what was done to the cluster.
public struct LatencyPlot: Sendable {
    /// A shaded stretch of time, in seconds from the start of the history.
    public struct Window: Codable, Sendable, Equatable {
        public var label: String
        public var start: Double
        public var end: Double

        public init(label: String, start: Double, end: Double) {
            self.label = label
            self.start = start
            self.end = end
        }
    }

    public var operations: [HistoryOperation]
    public var windows: [Window]

    public init(operations: [HistoryOperation], windows: [Window] = []) {
        self.operations = operations
        self.windows = windows
    }

    /// The plot as a standalone SVG document.
    public func svg(width: Double = 900, height: Double = 360) -> String {
        let done = self.operations.compactMap { op in op.completeTime.map { (op, Double(op.invokeTime) / 1e9, Double($0 - op.invokeTime) / 1e6) } }
        let lastTime = max(done.map { $0.1 }.max() ?? 1, self.windows.map(\.end).max() ?? 0, 1)
        let maxLatency = max(done.map { $0.2 }.max() ?? 1, 1)
        let (left, right, top, bottom) = (60.0, 20.0, 20.0, 40.0)
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        func x(_ seconds: Double) -> Double { left + seconds / lastTime * plotWidth }
        func y(_ milliseconds: Double) -> Double { top + plotHeight - milliseconds / maxLatency * plotHeight }
        var svg = ##"<svg xmlns="http://www.w3.org/2000/svg" width="\##(Int(width))" height="\##(Int(height))" font-family="sans-serif" font-size="11">"##
        svg += ##"<rect width="100%" height="100%" fill="white"/>"##
        for window in self.windows {
            let start = x(max(0, window.start)), end = x(min(lastTime, window.end))
            svg += ##"<rect x="\##(start)" y="\##(top)" width="\##(max(1, end - start))" height="\##(plotHeight)" fill="#f4c7c3" opacity="0.6"/>"##
            svg += ##"<text x="\##(start + 3)" y="\##(top + 12)" fill="#a52714">\##(Self.escape(window.label))</text>"##
        }
        for (operation, time, latency) in done {
            let color = switch operation.outcome {
            case .ok: "#0b8043"
            case .fail: "#d93025"
            default: "#f29900"
            }
            svg += ##"<circle cx="\##(x(time))" cy="\##(y(latency))" r="1.8" fill="\##(color)"/>"##
        }
        svg += ##"<line x1="\##(left)" y1="\##(top + plotHeight)" x2="\##(left + plotWidth)" y2="\##(top + plotHeight)" stroke="black"/>"##
        svg += ##"<line x1="\##(left)" y1="\##(top)" x2="\##(left)" y2="\##(top + plotHeight)" stroke="black"/>"##
        svg += ##"<text x="\##(left + plotWidth / 2)" y="\##(height - 8)" text-anchor="middle">seconds (\##(String(format: "%.1f", lastTime)) s)</text>"##
        svg += ##"<text x="12" y="\##(top + plotHeight / 2)" transform="rotate(-90 12 \##(top + plotHeight / 2))" text-anchor="middle">latency, ms (max \##(String(format: "%.0f", maxLatency)))</text>"##
        return svg + "</svg>\n"
    }

    private static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}
