package dev.glimpse.registry;

import dev.glimpse.schema.AttentionMap;
import dev.glimpse.schema.Translation;
import dev.glimpse.schema.TranslationRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Realistic instances of every Glimpse schema, for round-trip tests and the benchmark. */
public final class SampleRecords {

    private SampleRecords() {}

    public static TranslationRequest request() {
        return TranslationRequest.newBuilder()
                .setId("req-1")
                .setText("the cat sat on the mat")
                .setAttributes(Map.of("lang", "en", "trace", "abc"))
                .build();
    }

    public static Translation translation() {
        return Translation.newBuilder()
                .setRequestId("req-1")
                .setSourceText("the cat sat on the mat")
                .setTranslation("eht tac tas no eht tam")
                .setModelName("reverse-words")
                .setModelVersion("1.0.0")
                .setSourceLength(22)
                .setTargetLength(22)
                .setSegments(1)
                .setEosReached(true)
                .setInferenceMicros(1834)
                .setProducedAt(Instant.ofEpochMilli(1_790_000_000_123L))
                .setSourceTopic("glimpse.requests")
                .setSourcePartition(3)
                .setSourceOffset(42L)
                .setAttributes(Map.of("lang", "en"))
                .build();
    }

    /** An attention map of {@code rows} target steps over {@code columns} source tokens, rows summing to 1. */
    public static AttentionMap attention(int rows, int columns) {
        List<String> source = new ArrayList<>(columns);
        for (int c = 0; c < columns; c++) {
            source.add(String.valueOf((char) ('a' + c % 26)));
        }
        List<String> target = new ArrayList<>(rows);
        List<List<Float>> weights = new ArrayList<>(rows);
        List<Float> entropy = new ArrayList<>(rows);
        List<Integer> alignment = new ArrayList<>(rows);
        List<Float> probability = new ArrayList<>(rows);
        for (int r = 0; r < rows; r++) {
            target.add(String.valueOf((char) ('z' - r % 26)));
            List<Float> row = new ArrayList<>(columns);
            float sum = 0;
            for (int c = 0; c < columns; c++) {
                float w = 1f / (1 + Math.abs(r - c));
                row.add(w);
                sum += w;
            }
            double h = 0;
            for (int c = 0; c < columns; c++) {
                float w = row.get(c) / sum;
                row.set(c, w);
                h -= w * Math.log(w);
            }
            weights.add(row);
            entropy.add((float) h);
            alignment.add(Math.min(r, columns - 1));
            probability.add(0.9f);
        }
        return AttentionMap.newBuilder()
                .setRequestId("req-1")
                .setModelName("reverse-words")
                .setModelVersion("1.0.0")
                .setSourceTokens(source)
                .setTargetTokens(target)
                .setWeights(weights)
                .setStepEntropy(entropy)
                .setAlignment(alignment)
                .setStepProbability(probability)
                .setMeanEntropy((float) entropy.stream().mapToDouble(Float::doubleValue).average().orElse(0))
                .build();
    }
}
