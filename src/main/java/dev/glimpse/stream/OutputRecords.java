package dev.glimpse.stream;

import dev.glimpse.model.ModelInfo;
import dev.glimpse.model.TranslationResult;
import dev.glimpse.schema.AttentionMap;
import dev.glimpse.schema.Translation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/** Builds the two output values of one translated request. */
final class OutputRecords {

    private OutputRecords() {}

    static Translation translation(String requestId, ParsedRequest request, TranslationResult result, ModelInfo model,
            long inferenceNanos, Instant producedAt, RecordMetadata source) {
        return Translation.newBuilder()
                .setRequestId(requestId)
                .setSourceText(request.text())
                .setTranslation(result.text())
                .setModelName(model.name())
                .setModelVersion(model.version())
                .setSourceLength(codePoints(request.text()))
                .setTargetLength(codePoints(result.text()))
                .setSegments(result.segments())
                .setEosReached(result.eosReached())
                .setInferenceMicros(inferenceNanos / 1_000)
                .setProducedAt(producedAt)
                .setSourceTopic(source.topic())
                .setSourcePartition(source.partition())
                .setSourceOffset(source.offset())
                .setAttributes(request.attributes())
                .build();
    }

    static AttentionMap attention(String requestId, TranslationResult result, ModelInfo model) {
        float[][] weights = result.attention();
        float[] entropy = new float[weights.length];
        List<Integer> alignment = new ArrayList<>(weights.length);
        List<List<Float>> rows = new ArrayList<>(weights.length);
        for (int t = 0; t < weights.length; t++) {
            entropy[t] = AttentionStats.entropy(weights[t]);
            alignment.add(AttentionStats.argmax(weights[t]));
            rows.add(floats(weights[t]));
        }
        return AttentionMap.newBuilder()
                .setRequestId(requestId)
                .setModelName(model.name())
                .setModelVersion(model.version())
                .setSourceTokens(result.sourceTokens())
                .setTargetTokens(result.targetTokens())
                .setWeights(rows)
                .setStepEntropy(floats(entropy))
                .setAlignment(alignment)
                .setStepProbability(floats(result.stepProbabilities()))
                .setMeanEntropy(AttentionStats.mean(entropy))
                .build();
    }

    /**
     * Checks that a translator's result has the shape the attention record promises, so that a
     * broken model output becomes a dead letter rather than a misleading dashboard.
     */
    static void requireConsistent(TranslationResult result) {
        if (result == null) {
            throw new IllegalStateException("Translator returned no result");
        }
        if (result.text() == null || result.sourceTokens() == null || result.targetTokens() == null
                || result.attention() == null || result.stepProbabilities() == null) {
            throw new IllegalStateException("Translator returned a result with missing fields");
        }
        int steps = result.targetTokens().size();
        if (result.attention().length != steps || result.stepProbabilities().length != steps) {
            throw new IllegalStateException("Translator returned " + steps + " target tokens but "
                    + result.attention().length + " attention rows and "
                    + result.stepProbabilities().length + " step probabilities");
        }
        int columns = result.sourceTokens().size();
        for (float[] row : result.attention()) {
            if (row.length != columns) {
                throw new IllegalStateException("Translator returned an attention row of " + row.length
                        + " weights for " + columns + " source tokens");
            }
        }
    }

    static int codePoints(String text) {
        return text.codePointCount(0, text.length());
    }

    private static List<Float> floats(float[] values) {
        List<Float> list = new ArrayList<>(values.length);
        for (float v : values) {
            list.add(v);
        }
        return list;
    }
}
