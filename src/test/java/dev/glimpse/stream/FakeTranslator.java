package dev.glimpse.stream;

import dev.glimpse.model.ModelInfo;
import dev.glimpse.model.TranslationResult;
import dev.glimpse.model.Translator;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test double of the model: reverses each word exactly (the reference task) and reports the
 * attention a perfect model would have, 0.9 on the source character each output character came
 * from, the rest spread evenly. Throws for texts containing {@link #POISON}.
 */
public final class FakeTranslator implements Translator {

    public static final String POISON = "\u2620";
    public static final ModelInfo INFO = new ModelInfo("fake-reverser", "1.2.3");

    private final AtomicInteger calls = new AtomicInteger();

    int calls() {
        return calls.get();
    }

    @Override
    public ModelInfo info() {
        return INFO;
    }

    @Override
    public TranslationResult translate(String text) {
        calls.incrementAndGet();
        if (text.contains(POISON)) {
            throw new IllegalStateException("the model choked on poison");
        }
        int[] source = text.codePoints().toArray();
        int n = source.length;
        int[] from = new int[n]; // target position -> source position
        int i = 0;
        while (i < n) {
            if (Character.isWhitespace(source[i])) {
                from[i] = i;
                i++;
                continue;
            }
            int end = i;
            while (end < n && !Character.isWhitespace(source[end])) {
                end++;
            }
            for (int k = 0; k < end - i; k++) {
                from[i + k] = end - 1 - k;
            }
            i = end;
        }
        List<String> sourceTokens = new ArrayList<>(n);
        List<String> targetTokens = new ArrayList<>(n);
        StringBuilder out = new StringBuilder();
        float[][] attention = new float[n][n];
        float[] probabilities = new float[n];
        for (int t = 0; t < n; t++) {
            sourceTokens.add(new String(Character.toChars(source[t])));
            int c = source[from[t]];
            targetTokens.add(new String(Character.toChars(c)));
            out.appendCodePoint(c);
            float rest = n == 1 ? 0f : 0.1f / (n - 1);
            for (int s = 0; s < n; s++) {
                attention[t][s] = s == from[t] ? (n == 1 ? 1f : 0.9f) : rest;
            }
            probabilities[t] = 0.99f;
        }
        return new TranslationResult(text, out.toString(), sourceTokens, targetTokens, attention, probabilities,
                true, 1);
    }

    @Override
    public List<TranslationResult> translate(List<String> texts) {
        return texts.stream().map(this::translate).toList();
    }

    @Override
    public void close() {}
}
