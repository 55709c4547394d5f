import Foundation
import LabCheck
import LabTestSupport
import Testing

/// The HTML timeline written for a violation.
@Suite struct TimelineReportTests {
    @Test func reportOfAStaleReadShowsTheOffendingOperations() throws {
        let recorded = try history([
            put(0, "x", "1", 0, 10),
            put(1, "y", "<b>", 0, 10),
            put(2, "x", "2", 12, 30),
            get(3, "x", "1", 35, 40),
            get(4, "x", "2", 20, 25),
        ])
        let result = try LinearizabilityChecker().check(recorded)
        let violation = try #require(result.violation, "\(result)")
        let directory = try TemporaryDirectory()
        let report = try TimelineReport(violation: violation, history: recorded)
        let file = try report.write(toDirectory: URL(fileURLWithPath: directory.path))
        print("timeline report: \(file.path)")
        let html = try String(contentsOf: file, encoding: .utf8)
        #expect(file.pathExtension == "html")
        #expect(html.hasPrefix("<!doctype html>"))
        #expect(html.contains("<svg"))
        #expect(!html.contains("src=") && !html.contains("href="), "self-contained")
        #expect(html.contains("get(x) → &quot;1&quot;"), "the offending read is labelled")
        #expect(html.contains("class=\"op offending\""))
        #expect(html.contains("cannot be linearized"))
        #expect(!html.contains("put(y"), "only the offending key is drawn")
    }

    @Test func labelsAreEscaped() {
        let op = HistoryOperation(id: 0, process: 0, operation: .put(key: "k", value: "<script>&"), outcome: .ok,
                                  output: .ack, invokeTime: 0, completeTime: 1, invokeEventIndex: 0,
                                  completeEventIndex: 1)
        let html = TimelineReport(title: "t", operations: [op], offending: [0]).html()
        #expect(!html.contains("<script>"))
        #expect(html.contains("&lt;script&gt;&amp;"))
    }
}
