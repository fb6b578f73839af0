package dev.glimpse.model;

/**
 * The model as the greedy decoder drives it: encode a batch of sources once, then advance all rows
 * one decoding step at a time. The decoder knows nothing else about the model (ONNX or a fake).
 */
public interface StepModel {

    /**
     * Encodes a batch. Rows are unpadded source ids (each at least one id long); the session pads
     * them to the longest row and masks the padding.
     */
    StepSession start(int[][] sources);
}
