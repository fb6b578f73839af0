package dev.glimpse.model;

/**
 * What greedy decoding produced for one source row.
 *
 * @param ids emitted ids, eos excluded
 * @param attention one row per emitted id, as wide as the row's own (unpadded) source
 * @param probabilities the softmax probability of each emitted id
 * @param eosReached false when the row stopped at the length limit
 * @param eosAttention the attention of the step that emitted eos; null when eos was not reached
 */
public record DecodedSequence(
        int[] ids, float[][] attention, float[] probabilities, boolean eosReached, float[] eosAttention) {}
