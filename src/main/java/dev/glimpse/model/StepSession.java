package dev.glimpse.model;

import java.nio.FloatBuffer;

/**
 * One batch being decoded. Not thread-safe: it belongs to the call that started it. The buffers
 * returned by {@link #logits()} and {@link #attention()} are views that the next {@link #step}
 * overwrites, so the decoder copies out only what it keeps.
 */
public interface StepSession extends AutoCloseable {

    /** Rows in the batch. */
    int batchSize();

    /** Padded source length S: the attention row width. */
    int sourceLength();

    /** V: the logits row width. */
    int vocabularySize();

    /** Runs one step; {@code previousIds[b]} is the token row b emitted last (bos at first). */
    void step(long[] previousIds);

    /** Logits of the last step, [B][V] row-major, read with absolute gets. */
    FloatBuffer logits();

    /** Attention of the last step, [B][S] row-major, read with absolute gets. */
    FloatBuffer attention();

    /** Releases the batch's native memory. */
    @Override
    void close();
}
