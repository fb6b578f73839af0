package dev.glimpse.stream;

/** A Glimpse topic is missing and cannot be created, or exists with settings Glimpse cannot run on. */
public final class TopicProvisioningException extends RuntimeException {

    public TopicProvisioningException(String message) {
        super(message);
    }

    public TopicProvisioningException(String message, Throwable cause) {
        super(message, cause);
    }
}
