import Foundation

/// An SVG scatter plot of a workload's latencies over time — one dot per operation (green ok, red
/// failed or unknown) — with the windows during which faults were in force shaded, so that a
/// run's hiccups line up with what was done to the system.
enum LatencyChart {
    static func svg(_ samples: LatencySamples, windows: [FaultWindows.Window], width: Double = 900, height: Double = 360) -> String {
        let points = samples.samples
        let lastTime = max(points.map(\.seconds).max() ?? 1, windows.map(\.end).max() ?? 0, 1)
        let maxLatency = max(points.map(\.milliseconds).max() ?? 1, 1)
        let (left, right, top, bottom) = (60.0, 20.0, 20.0, 40.0)
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        func x(_ seconds: Double) -> Double { left + seconds / lastTime * plotWidth }
        func y(_ milliseconds: Double) -> Double { top + plotHeight - milliseconds / maxLatency * plotHeight }
        var svg = ##"<svg xmlns="http://www.w3.org/2000/svg" width="\##(Int(width))" height="\##(Int(height))" font-family="sans-serif" font-size="11">"##
        svg += ##"<rect width="100%" height="100%" fill="white"/>"##
        for window in windows {
            let start = x(max(0, window.start)), end = x(min(lastTime, window.end))
            svg += ##"<rect x="\##(start)" y="\##(top)" width="\##(max(1, end - start))" height="\##(plotHeight)" fill="#f4c7c3" opacity="0.6"/>"##
            svg += ##"<text x="\##(start + 3)" y="\##(top + 12)" fill="#a52714">\##(Self.escape(window.label))</text>"##
        }
        for point in points {
            svg += ##"<circle cx="\##(x(point.seconds))" cy="\##(y(point.milliseconds))" r="1.8" fill="\##(point.ok ? "#0b8043" : "#d93025")"/>"##
        }
        svg += ##"<line x1="\##(left)" y1="\##(top + plotHeight)" x2="\##(left + plotWidth)" y2="\##(top + plotHeight)" stroke="black"/>"##
        svg += ##"<line x1="\##(left)" y1="\##(top)" x2="\##(left)" y2="\##(top + plotHeight)" stroke="black"/>"##
        svg += ##"<text x="\##(left + plotWidth / 2)" y="\##(height - 8)" text-anchor="middle">seconds since the workload started (\##(String(format: "%.1f", lastTime)) s)</text>"##
        svg += ##"<text x="12" y="\##(top + plotHeight / 2)" transform="rotate(-90 12 \##(top + plotHeight / 2))" text-anchor="middle">latency, ms (max \##(String(format: "%.0f", maxLatency)))</text>"##
        return svg + "</svg>\n"
    }

    private static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}
