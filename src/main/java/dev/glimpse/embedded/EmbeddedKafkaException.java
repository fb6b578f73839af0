package dev.glimpse.embedded;

/** The embedded broker could not be started (port taken, storage not formatted, no answer in time). */
public final class EmbeddedKafkaException extends RuntimeException {
    public EmbeddedKafkaException(String message, Throwable cause) {
        super(message, cause);
    }
}
