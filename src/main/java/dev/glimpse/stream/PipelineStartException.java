package dev.glimpse.stream;

/** The pipeline did not reach RUNNING: it failed, was closed, or took longer than allowed. */
public final class PipelineStartException extends RuntimeException {

    public PipelineStartException(String message) {
        super(message);
    }

    public PipelineStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
