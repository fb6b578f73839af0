package dev.glimpse.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a token sequence into pieces the model can take. Text within the source limit goes to the
 * model whole, as the model was trained (leading and trailing whitespace included); whitespace-only
 * text is copied without the model. Longer text has to be cut anyway, so it is cut where the model
 * is surest: into runs of words (with the whitespace between them) of at most the segment length
 * (the bundle's {@code segment_len}; models are measurably more reliable on shorter lines), which
 * the model translates, and the whitespace between runs and around the text, which is copied
 * unchanged. A single word longer than the segment length stays whole up to the source limit; a
 * word longer than the limit is cut hard into limit-sized pieces (the model cannot see it whole).
 */
public final class Segmenter {

    /** Tokens [start, end) of the text; {@code translated} pieces go through the model. */
    public record Piece(int start, int end, boolean translated) {
        public int length() {
            return end - start;
        }
    }

    private final int maxLength;
    private final int segmentLength;

    /** Segments of text over the limit as long as the limit allows. */
    public Segmenter(int maxLength) {
        this(maxLength, maxLength);
    }

    /**
     * @param maxLength the source limit: text up to it goes to the model whole
     * @param segmentLength the most tokens of one run of words cut from longer text, at most {@code maxLength}
     */
    public Segmenter(int maxLength, int segmentLength) {
        if (maxLength < 1) {
            throw new IllegalArgumentException("maximum source length must be positive: " + maxLength);
        }
        if (segmentLength < 1 || segmentLength > maxLength) {
            throw new IllegalArgumentException("segment length must be in 1.." + maxLength + ": " + segmentLength);
        }
        this.maxLength = maxLength;
        this.segmentLength = segmentLength;
    }

    public List<Piece> cut(List<String> tokens) {
        int n = tokens.size();
        boolean[] space = new boolean[n];
        for (int i = 0; i < n; i++) {
            space[i] = CodePoints.isWhitespace(tokens.get(i));
        }
        List<Piece> pieces = new ArrayList<>();
        boolean blank = runEnd(space, 0, true) == n;
        if (n == 0) {
            return pieces;
        }
        if (blank || n <= maxLength) {
            pieces.add(new Piece(0, n, !blank));
            return pieces;
        }
        int i = 0;
        while (i < n) {
            if (space[i]) {
                int end = runEnd(space, i, true);
                pieces.add(new Piece(i, end, false));
                i = end;
                continue;
            }
            int wordEnd = runEnd(space, i, false);
            if (wordEnd - i > maxLength) {
                for (int start = i; start < wordEnd; start += maxLength) {
                    pieces.add(new Piece(start, Math.min(start + maxLength, wordEnd), true));
                }
                i = wordEnd;
                continue;
            }
            int end = wordEnd;
            while (end < n) {
                int nextWord = runEnd(space, end, true);
                if (nextWord == n) {
                    break;
                }
                int nextWordEnd = runEnd(space, nextWord, false);
                if (nextWordEnd - i > segmentLength) {
                    break;
                }
                end = nextWordEnd;
            }
            pieces.add(new Piece(i, end, true));
            i = end;
        }
        return pieces;
    }

    private static int runEnd(boolean[] space, int from, boolean whitespace) {
        int i = from;
        while (i < space.length && space[i] == whitespace) {
            i++;
        }
        return i;
    }
}
