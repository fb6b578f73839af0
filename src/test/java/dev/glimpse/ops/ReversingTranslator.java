package dev.glimpse.ops;

import dev.glimpse.model.ModelInfo;
import dev.glimpse.model.TranslationResult;
import dev.glimpse.model.Translator;
import java.util.ArrayList;
import java.util.List;

/**
 * Stand-in model for the dashboard's pipeline test: reverses each word and puts most attention on
 * the character each output character came from, with a weight that differs per step, so a heatmap
 * showing the wrong row or column cannot pass.
 */
final class ReversingTranslator implements Translator {

    static final ModelInfo INFO = new ModelInfo("test-reverser", "0.0.1");

    @Override
    public ModelInfo info() {
        return INFO;
    }

    @Override
    public TranslationResult translate(String text) {
        int[] cps = text.codePoints().toArray();
        int n = cps.length;
        int[] from = new int[n];
        for (int start = 0; start < n; ) {
            if (Character.isWhitespace(cps[start])) {
                from[start] = start;
                start++;
                continue;
            }
            int end = start;
            while (end < n && !Character.isWhitespace(cps[end])) end++;
            for (int k = start; k < end; k++) from[k] = start + end - 1 - k;
            start = end;
        }
        List<String> source = new ArrayList<>();
        List<String> target = new ArrayList<>();
        float[][] attention = new float[n][n];
        float[] probabilities = new float[n];
        StringBuilder out = new StringBuilder();
        for (int t = 0; t < n; t++) {
            source.add(Character.toString(cps[t]));
            target.add(Character.toString(cps[from[t]]));
            out.appendCodePoint(cps[from[t]]);
            float peak = n == 1 ? 1f : 0.6f + 0.35f * t / n;
            for (int s = 0; s < n; s++) {
                attention[t][s] = s == from[t] ? peak : (1f - peak) / (n - 1);
            }
            probabilities[t] = 0.95f;
        }
        return new TranslationResult(text, out.toString(), source, target, attention, probabilities, true, 1);
    }

    @Override
    public List<TranslationResult> translate(List<String> texts) {
        return texts.stream().map(this::translate).toList();
    }

    @Override
    public void close() {}
}
