package dev.glimpse.model;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A perfect word-reversal "model" over ids: at step t row b emits the t-th id of its reversed
 * words (unk stays unk), with one-hot attention on the source position it copies, then eos. Ids
 * whose token is whitespace separate words. Records what the decoder fed it.
 */
final class FakeStepModel implements StepModel {

    static final Vocabulary VOCABULARY = new Vocabulary(
            List.of("<pad>", "<s>", "</s>", "<unk>", " ", "a", "b", "c", "d", "e", "h", "m", "n",
                    "o", "s", "t", "."),
            0, 1, 2, 3);

    private final Vocabulary vocabulary;
    private final boolean neverEnds;
    final List<long[]> fedIds = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger batches = new AtomicInteger();
    final AtomicInteger openSessions = new AtomicInteger();

    FakeStepModel(Vocabulary vocabulary, boolean neverEnds) {
        this.vocabulary = vocabulary;
        this.neverEnds = neverEnds;
    }

    FakeStepModel() {
        this(VOCABULARY, false);
    }

    @Override
    public StepSession start(int[][] sources) {
        batches.incrementAndGet();
        openSessions.incrementAndGet();
        int width = 0;
        for (int[] row : sources) {
            width = Math.max(width, row.length);
        }
        return new Session(sources, width);
    }

    /** Source positions in output order: each word's positions reversed, whitespace in place. */
    private int[] reversedPositions(int[] source) {
        int[] order = new int[source.length];
        int i = 0;
        while (i < source.length) {
            if (isSpace(source[i])) {
                order[i] = i;
                i++;
                continue;
            }
            int end = i;
            while (end < source.length && !isSpace(source[end])) {
                end++;
            }
            for (int k = i; k < end; k++) {
                order[k] = end - 1 - (k - i);
            }
            i = end;
        }
        return order;
    }

    private boolean isSpace(int id) {
        return !vocabulary.isSpecial(id) && CodePoints.isWhitespace(vocabulary.token(id));
    }

    private final class Session implements StepSession {
        final int[][] sources;
        final int[][] orders;
        final int width;
        final FloatBuffer logits;
        final FloatBuffer attention;
        int step;

        Session(int[][] sources, int width) {
            this.sources = sources;
            this.width = width;
            this.orders = new int[sources.length][];
            for (int b = 0; b < sources.length; b++) {
                orders[b] = reversedPositions(sources[b]);
            }
            this.logits = FloatBuffer.allocate(sources.length * vocabulary.size());
            this.attention = FloatBuffer.allocate(sources.length * width);
        }

        @Override
        public int batchSize() {
            return sources.length;
        }

        @Override
        public int sourceLength() {
            return width;
        }

        @Override
        public int vocabularySize() {
            return vocabulary.size();
        }

        @Override
        public void step(long[] previousIds) {
            fedIds.add(previousIds.clone());
            int v = vocabulary.size();
            for (int i = 0; i < logits.capacity(); i++) {
                logits.put(i, 0f);
            }
            for (int i = 0; i < attention.capacity(); i++) {
                attention.put(i, 0f);
            }
            for (int b = 0; b < sources.length; b++) {
                int[] order = orders[b];
                int position = neverEnds ? Math.min(step, order.length - 1) : step;
                if (position >= order.length) {
                    logits.put(b * v + vocabulary.eos(), 10f);
                    attention.put(b * width + order.length - 1, 1f);
                } else {
                    int sourcePosition = order[position];
                    logits.put(b * v + sources[b][sourcePosition], 10f);
                    attention.put(b * width + sourcePosition, 1f);
                }
            }
            step++;
        }

        @Override
        public FloatBuffer logits() {
            return logits;
        }

        @Override
        public FloatBuffer attention() {
            return attention;
        }

        @Override
        public void close() {
            openSessions.decrementAndGet();
        }
    }
}
