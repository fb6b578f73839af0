package dev.glimpse.stream;

/**
 * What shapes the topology beyond its topics and serdes.
 *
 * @param maxTextChars longest text accepted, in Unicode code points; longer requests go to the DLQ
 *     as {@link DlqReason#TOO_LONG} (the translator segments anything up to this length)
 */
public record TopologySettings(int maxTextChars) {

    public static final int DEFAULT_MAX_TEXT_CHARS = 10_000;

    public TopologySettings {
        if (maxTextChars < 1) {
            throw new IllegalArgumentException("maxTextChars must be at least 1, got " + maxTextChars);
        }
    }

    public static TopologySettings defaults() {
        return new TopologySettings(DEFAULT_MAX_TEXT_CHARS);
    }
}
