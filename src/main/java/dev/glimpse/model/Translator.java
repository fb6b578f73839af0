package dev.glimpse.model;

import java.util.List;

/**
 * Turns text into its translation plus the attention that produced it.
 *
 * <p>The pipeline depends on this interface only, so it can be tested with a fake and run with the
 * ONNX engine. Implementations are safe for concurrent callers.
 */
public interface Translator extends AutoCloseable {

    /** Name and version of the model, stamped on every output record. */
    ModelInfo info();

    /** Translates one text; any length (long text is segmented internally). */
    TranslationResult translate(String text);

    /** Translates several texts at once; element i equals {@code translate(texts.get(i))}. */
    List<TranslationResult> translate(List<String> texts);

    @Override
    void close();
}
