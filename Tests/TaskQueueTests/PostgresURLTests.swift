import Testing
import TaskQueueService

/// `--store` URLs: what parses, and the message for what does not (no server needed).
@Suite("PostgreSQL URLs")
struct PostgresURLTests {
    @Test func aMalformedURLIsRefusedWithTheExpectedForm() throws {
        #expect(throws: PostgresURLError.missingPart("database")) { try PostgresURL("postgres://u:p@localhost:5432") }
        #expect(throws: PostgresURLError.wrongScheme("mysql")) { try PostgresURL("mysql://u@h/db") }
        #expect(throws: PostgresURLError.missingPart("user")) { try PostgresURL("postgres://localhost/db") }
        #expect(PostgresURLError.malformed.description.contains("postgres://user:password@host:port/database"))
        #expect(try PostgresURL("postgres://u:p%40ss@db.example:6543/queue").password == "p@ss")
    }
}
