package dev.glimpse.registry;

import org.apache.kafka.common.KafkaException;

/**
 * A Schema Registry call failed: the registry answered with an error, or could not be reached after
 * the configured retries. Carries the HTTP status and Confluent's {@code error_code}, so callers can
 * tell "subject not found" (40401) from "incompatible schema" (409) from an outage.
 *
 * <p>This is deliberately not a {@link org.apache.kafka.common.errors.SerializationException}: an
 * unreachable registry says nothing about the record being processed, so the pipeline must not route
 * the record to the dead letter queue for it. Problems of the record itself are {@link WireFormatException}s.
 */
public class RegistryException extends KafkaException {

    /** Status used when no HTTP response was received (connection refused, timeout). */
    public static final int NO_RESPONSE = -1;

    private final int httpStatus;
    private final int errorCode;

    public RegistryException(int httpStatus, int errorCode, String message, Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    public RegistryException(int httpStatus, int errorCode, String message) {
        this(httpStatus, errorCode, message, null);
    }

    /** The HTTP status of the registry's answer, or {@link #NO_RESPONSE}. */
    public int httpStatus() {
        return httpStatus;
    }

    /** Confluent's {@code error_code} (e.g. 40403 schema not found), or the HTTP status when the body had none. */
    public int errorCode() {
        return errorCode;
    }

    /** True for failures worth retrying: no response, 408, 429 and 5xx. */
    public boolean isRetriable() {
        return isRetriableStatus(httpStatus);
    }

    static boolean isRetriableStatus(int status) {
        return status == NO_RESPONSE || status == 408 || status == 429 || status >= 500;
    }
}
