package dev.glimpse.model;

import java.util.List;

/**
 * One decoded text.
 *
 * @param source the input text
 * @param text the output text
 * @param sourceTokens the input as tokens (one Unicode code point each): the attention columns
 * @param targetTokens the output as tokens (one code point each, eos excluded): the attention rows
 * @param attention weights [target step][source token]; each row sums to 1
 * @param stepProbabilities probability the model gave each emitted target token
 * @param eosReached true when every segment ended on eos rather than the length limit
 * @param segments how many segments the source was cut into to fit the model's source limit
 */
public record TranslationResult(
        String source,
        String text,
        List<String> sourceTokens,
        List<String> targetTokens,
        float[][] attention,
        float[] stepProbabilities,
        boolean eosReached,
        int segments) {}
