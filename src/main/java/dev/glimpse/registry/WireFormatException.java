package dev.glimpse.registry;

import org.apache.kafka.common.errors.SerializationException;

/**
 * A record's bytes are not a valid Confluent wire-format Avro payload for the expected type. Always a
 * property of the record itself (never of the registry's availability), so the pipeline sends such a
 * record to the dead letter queue. Extends {@link SerializationException} so Kafka Streams' deserialization
 * exception handling sees it as what it is.
 */
public abstract class WireFormatException extends SerializationException {

    protected WireFormatException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A short stable reason code for DLQ headers, e.g. {@code UNKNOWN_MAGIC_BYTE}. */
    public abstract String reason();
}
