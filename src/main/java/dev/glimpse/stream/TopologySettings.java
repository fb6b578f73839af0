package dev.glimpse.stream;

import dev.glimpse.config.OutputFormat;
import java.util.Map;

/**
 * What shapes the topology beyond its topics and serdes.
 *
 * @param maxTextChars longest text accepted, in Unicode code points; longer requests go to the DLQ
 *     as {@link DlqReason#TOO_LONG} (the translator segments anything up to this length)
 * @param maxAttentionWeights most attention weights (target steps × source tokens) one AttentionMap
 *     may carry. The matrix grows with the square of the text, so a few hundred characters already
 *     outgrow Kafka's default 1 MiB record limit; a larger one would fail in the producer and stop
 *     the whole pipeline on that record (again after every restart). Such requests go to the DLQ as
 *     {@link DlqReason#OUTPUT_TOO_LARGE} before anything is written for them.
 */
public record TopologySettings(int maxTextChars, long maxAttentionWeights) {

    public static final int DEFAULT_MAX_TEXT_CHARS = 10_000;

    /** Kafka's default {@code max.request.size} (and broker {@code message.max.bytes}, roughly). */
    static final int KAFKA_DEFAULT_MAX_REQUEST_SIZE = 1_048_576;

    /** Room in the record for everything but the weights: tokens, summaries, headers, framing. */
    private static final double WEIGHTS_SHARE = 0.75;

    public TopologySettings {
        if (maxTextChars < 1) {
            throw new IllegalArgumentException("maxTextChars must be at least 1, got " + maxTextChars);
        }
        if (maxAttentionWeights < 1) {
            throw new IllegalArgumentException("maxAttentionWeights must be at least 1, got " + maxAttentionWeights);
        }
    }

    /** A text limit with the attention budget of Avro output under Kafka's default record size. */
    public TopologySettings(int maxTextChars) {
        this(maxTextChars, attentionBudget(OutputFormat.AVRO, KAFKA_DEFAULT_MAX_REQUEST_SIZE));
    }

    public static TopologySettings defaults() {
        return new TopologySettings(DEFAULT_MAX_TEXT_CHARS);
    }

    /**
     * How many weights fit in an output record of {@code maxRecordBytes}: Avro writes a float in
     * 4 bytes; JSON writes it as text, up to about 14 characters with its separator.
     */
    public static long attentionBudget(OutputFormat format, int maxRecordBytes) {
        int bytesPerWeight = format == OutputFormat.JSON ? 14 : 4;
        return Math.max(1, (long) (maxRecordBytes * WEIGHTS_SHARE) / bytesPerWeight);
    }

    /**
     * The producer's record size limit from the Kafka settings Glimpse passes to Kafka Streams
     * ({@code producer.max.request.size} wins over {@code max.request.size}), else Kafka's default.
     */
    static int maxRequestSize(Map<String, String> kafkaProperties) {
        String value = kafkaProperties.getOrDefault("producer.max.request.size",
                kafkaProperties.get("max.request.size"));
        if (value == null) {
            return KAFKA_DEFAULT_MAX_REQUEST_SIZE;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("max.request.size must be a number of bytes, got '" + value + "'", e);
        }
    }
}
