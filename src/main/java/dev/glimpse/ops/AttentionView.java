package dev.glimpse.ops;

import java.util.List;
import java.util.Objects;

/**
 * One translation's attention as the dashboard shows it: the rows are the output characters, the
 * columns the input characters, as in the attention paper's figure. Plain data for JSON; built from
 * an {@code AttentionMap} record (Avro or JSON) by {@link AttentionViews}.
 *
 * @param id request id
 * @param key record key as text, or null
 * @param modelName model bundle name
 * @param modelVersion model bundle version
 * @param sourceTokens input characters (columns)
 * @param targetTokens output characters (rows)
 * @param weights attention [row][column]
 * @param stepEntropy per-row entropy in nats
 * @param meanEntropy mean of {@code stepEntropy}
 * @param partition partition of the attention record
 * @param offset offset of the attention record
 * @param timestamp record timestamp, epoch milliseconds
 */
public record AttentionView(
        String id,
        String key,
        String modelName,
        String modelVersion,
        List<String> sourceTokens,
        List<String> targetTokens,
        List<List<Float>> weights,
        List<Float> stepEntropy,
        double meanEntropy,
        int partition,
        long offset,
        long timestamp) {

    public AttentionView {
        Objects.requireNonNull(id, "id");
        sourceTokens = List.copyOf(sourceTokens);
        targetTokens = List.copyOf(targetTokens);
        weights = weights.stream().map(List::copyOf).toList();
        stepEntropy = List.copyOf(stepEntropy);
        if (weights.size() != targetTokens.size()) {
            throw new IllegalArgumentException("attention " + id + ": " + weights.size()
                    + " weight rows for " + targetTokens.size() + " target tokens");
        }
        for (int row = 0; row < weights.size(); row++) {
            if (weights.get(row).size() != sourceTokens.size()) {
                throw new IllegalArgumentException("attention " + id + ": row " + row + " has "
                        + weights.get(row).size() + " weights for " + sourceTokens.size() + " source tokens");
            }
        }
    }

    /** The input text (tokens are code points, so joining them gives it back). */
    public String sourceText() {
        return String.join("", sourceTokens);
    }

    /** The output text. */
    public String targetText() {
        return String.join("", targetTokens);
    }
}
