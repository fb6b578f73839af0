package dev.glimpse.model;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Greedy decoding of a batch with per-row finished flags: each row takes the argmax at every step
 * until it emits eos or reaches its own length limit. Rows never influence each other, so a batch
 * gives the rows that single decoding gives. Stateless and thread-safe.
 */
public final class GreedyDecoder {

    private final int bos;
    private final int eos;
    private final int pad;

    public GreedyDecoder(int bos, int eos, int pad) {
        this.bos = bos;
        this.eos = eos;
        this.pad = pad;
    }

    /**
     * Decodes every row of {@code sources}; row b emits at most {@code maxTargetLengths[b]} ids
     * (eos excluded), so decoding always ends.
     */
    public List<DecodedSequence> decode(StepModel model, int[][] sources, int[] maxTargetLengths) {
        int rows = sources.length;
        if (maxTargetLengths.length != rows) {
            throw new IllegalArgumentException(
                    rows + " sources but " + maxTargetLengths.length + " length limits");
        }
        if (rows == 0) {
            return List.of();
        }
        RowState[] states = new RowState[rows];
        long[] previous = new long[rows];
        int active = 0;
        for (int b = 0; b < rows; b++) {
            states[b] = new RowState(sources[b].length, maxTargetLengths[b]);
            if (maxTargetLengths[b] > 0) {
                previous[b] = bos;
                active++;
            } else {
                states[b].finished = true;
                previous[b] = pad;
            }
        }
        try (StepSession session = model.start(sources)) {
            int vocabulary = session.vocabularySize();
            int width = session.sourceLength();
            while (active > 0) {
                session.step(previous);
                FloatBuffer logits = session.logits();
                FloatBuffer attention = session.attention();
                for (int b = 0; b < rows; b++) {
                    RowState row = states[b];
                    if (row.finished) {
                        continue;
                    }
                    int best = argmax(logits, b * vocabulary, vocabulary);
                    if (best == eos) {
                        row.eosAttention = row.copy(attention, b * width);
                        row.finish(true);
                        previous[b] = pad;
                        active--;
                        continue;
                    }
                    row.emit(best, probability(logits, b * vocabulary, vocabulary, best),
                            attention, b * width);
                    previous[b] = best;
                    if (row.length() == row.limit) {
                        row.finish(false);
                        previous[b] = pad;
                        active--;
                    }
                }
            }
        }
        List<DecodedSequence> out = new ArrayList<>(rows);
        for (RowState row : states) {
            out.add(row.toSequence());
        }
        return out;
    }

    /** First index of the largest logit, so ties resolve as PyTorch's argmax does. */
    static int argmax(FloatBuffer logits, int offset, int size) {
        int best = 0;
        float bestValue = logits.get(offset);
        for (int v = 1; v < size; v++) {
            float value = logits.get(offset + v);
            if (value > bestValue) {
                bestValue = value;
                best = v;
            }
        }
        return best;
    }

    /** Softmax probability of {@code chosen}, computed stably from the row's maximum. */
    static float probability(FloatBuffer logits, int offset, int size, int chosen) {
        float max = logits.get(offset + chosen);
        double sum = 0;
        for (int v = 0; v < size; v++) {
            sum += Math.exp(logits.get(offset + v) - max);
        }
        return (float) (1.0 / sum);
    }

    /** Per-row progress; lives for one decode call. */
    private static final class RowState {
        final int sourceLength;
        final int limit;
        int[] ids;
        final List<float[]> attention = new ArrayList<>();
        float[] probabilities;
        boolean finished;
        boolean eosReached;
        float[] eosAttention;

        RowState(int sourceLength, int limit) {
            this.sourceLength = sourceLength;
            this.limit = limit;
            this.ids = new int[Math.max(limit, 0)];
            this.probabilities = new float[Math.max(limit, 0)];
        }

        int length() {
            return attention.size();
        }

        void emit(int id, float probability, FloatBuffer weights, int offset) {
            int t = length();
            ids[t] = id;
            probabilities[t] = probability;
            attention.add(copy(weights, offset));
        }

        float[] copy(FloatBuffer weights, int offset) {
            float[] row = new float[sourceLength];
            weights.get(offset, row, 0, sourceLength);
            return row;
        }

        void finish(boolean eos) {
            finished = true;
            eosReached = eos;
        }

        DecodedSequence toSequence() {
            int n = length();
            return new DecodedSequence(Arrays.copyOf(ids, n), attention.toArray(new float[0][]),
                    Arrays.copyOf(probabilities, n), eosReached, eosAttention);
        }
    }
}
