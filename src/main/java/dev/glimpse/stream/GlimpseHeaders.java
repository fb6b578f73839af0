package dev.glimpse.stream;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/** Header names Glimpse writes. Values are UTF-8 strings. */
public final class GlimpseHeaders {

    /** Name of the model that produced an output record. */
    public static final String MODEL_NAME = "glimpse.model.name";
    /** Version of the model that produced an output record. */
    public static final String MODEL_VERSION = "glimpse.model.version";
    /** On dead letters: the {@link DlqReason#label()}. */
    public static final String ERROR_REASON = "glimpse.error.reason";

    // Kafka Streams' own dead-letter headers (KIP-1034), written by the built-in record builder.
    public static final String STREAMS_ERROR_EXCEPTION = "__streams.errors.exception";
    public static final String STREAMS_ERROR_MESSAGE = "__streams.errors.message";
    public static final String STREAMS_ERROR_STACKTRACE = "__streams.errors.stacktrace";
    public static final String STREAMS_ERROR_TOPIC = "__streams.errors.topic";
    public static final String STREAMS_ERROR_PARTITION = "__streams.errors.partition";
    public static final String STREAMS_ERROR_OFFSET = "__streams.errors.offset";

    private GlimpseHeaders() {}

    /** The value of the first of {@code names} present (last occurrence of it) with a value, as UTF-8. */
    public static Optional<String> firstValue(Headers headers, List<String> names) {
        for (String name : names) {
            Header header = headers.lastHeader(name);
            if (header != null && header.value() != null) {
                return Optional.of(new String(header.value(), StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }
}
