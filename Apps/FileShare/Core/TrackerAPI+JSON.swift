import Foundation

extension TrackerAPI {
    /// The JSON decoder for the tracker's bodies (dates as ISO 8601).
    public static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }

    /// The JSON encoder for the tracker's bodies (dates as ISO 8601, keys sorted for stable output).
    public static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
