package dev.glimpse.model;

/**
 * A model bundle cannot be used: a file is missing or unreadable, a checksum differs, an ONNX
 * input or output breaks the contract, or the start-up self-test failed. The message says which.
 */
public class ModelLoadException extends RuntimeException {

    public ModelLoadException(String message) {
        super(message);
    }

    public ModelLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
