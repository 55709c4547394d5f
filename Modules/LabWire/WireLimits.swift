/// Size limits shared by the codecs of this module.
public enum WireLimits {
    /// The default maximum size of one frame or one line: 1 MiB.
    public static let defaultMaximumMessageSize = 1 << 20
}
