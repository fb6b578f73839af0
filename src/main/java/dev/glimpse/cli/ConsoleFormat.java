package dev.glimpse.cli;

import dev.glimpse.schema.AttentionMap;
import dev.glimpse.schema.Translation;
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
        attention.ifPresent(a -> sb.append(String.format(", mean attention entropy %.2f", a.getMeanEntropy())));
        sb.append(")\n");
        attention.ifPresent(a -> sb.append(TextHeatmap.render(a.getSourceTokens(), a.getTargetTokens(), a.getWeights())));
        return sb.toString();
    }

    static String deadLetter(String key, String reason) {
        return "[dead letter" + (key.isEmpty() ? "" : " " + key) + "] " + reason + "\n";
    }
}
