package dev.glimpse.stream;

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
}
