package dev.glimpse.model;

/** ONNX Runtime failed while running a loaded model. */
public class ModelRunException extends RuntimeException {

    public ModelRunException(String message, Throwable cause) {
        super(message, cause);
    }
}
