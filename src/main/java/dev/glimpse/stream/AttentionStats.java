package dev.glimpse.stream;

/**
 * Summaries of an attention matrix (rows = target steps, columns = source tokens) that let a
 * dashboard judge a glimpse without the model.
 */
public final class AttentionStats {

    private AttentionStats() {}

    /** Shannon entropy of one row, in nats; zero weights contribute nothing (0 ln 0 = 0). */
    public static float entropy(float[] row) {
        double h = 0;
        for (float p : row) {
            if (p > 0) {
                h -= p * Math.log(p);
            }
        }
        return (float) h;
    }

    /** Index of the largest weight in the row (the first one on ties), -1 for an empty row. */
    public static int argmax(float[] row) {
        int best = -1;
        for (int i = 0; i < row.length; i++) {
            if (best < 0 || row[i] > row[best]) {
                best = i;
            }
        }
        return best;
    }

    /** Mean of the values, 0 when there are none. */
    public static float mean(float[] values) {
        if (values.length == 0) {
            return 0f;
        }
        double sum = 0;
        for (float v : values) {
            sum += v;
        }
        return (float) (sum / values.length);
    }
}
