package dev.glimpse.cli;

import dev.glimpse.model.Heatmap;
import dev.glimpse.model.TranslationResult;
import dev.glimpse.schema.AttentionMap;
import dev.glimpse.schema.Translation;
import java.util.List;
import java.util.Optional;

/** How a translation (and its attention) is shown on the console by {@code demo} and {@code tail}. */
final class ConsoleFormat {

    private ConsoleFormat() {}

    static String translation(Translation t, Optional<AttentionMap> attention) {
        StringBuilder sb = new StringBuilder();
        sb.append("[").append(t.getRequestId()).append("] ").append(t.getSourceText()).append('\n');
        sb.append("   -> ").append(t.getTranslation());
        sb.append(String.format("   (%s %s, %.1f ms", t.getModelName(), t.getModelVersion(),
                t.getInferenceMicros() / 1000.0));
        attention.ifPresent(a -> sb.append(String.format(", mean attention entropy %.2f nats", a.getMeanEntropy())));
        sb.append(")\n");
        attention.ifPresent(a -> sb.append(Heatmap.render(asResult(t, a))));
        return sb.toString();
    }

    static String deadLetter(String key, String reason) {
        return "[dead letter" + (key.isEmpty() ? "" : " " + key) + "] " + reason + "\n";
    }

    /** The attention record read from Kafka, in the shape the model's heatmap renders. */
    static TranslationResult asResult(Translation t, AttentionMap a) {
        List<List<Float>> rows = a.getWeights();
        float[][] weights = new float[rows.size()][];
        for (int i = 0; i < rows.size(); i++) {
            List<Float> row = rows.get(i);
            weights[i] = new float[row.size()];
            for (int j = 0; j < row.size(); j++) {
                weights[i][j] = row.get(j);
            }
        }
        List<Float> probabilities = a.getStepProbability();
        float[] stepProbabilities = new float[probabilities.size()];
        for (int i = 0; i < stepProbabilities.length; i++) {
            stepProbabilities[i] = probabilities.get(i);
        }
        return new TranslationResult(t.getSourceText(), t.getTranslation(), a.getSourceTokens(), a.getTargetTokens(),
                weights, stepProbabilities, t.getEosReached(), t.getSegments());
    }
}
