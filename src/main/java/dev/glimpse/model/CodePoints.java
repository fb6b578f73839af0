package dev.glimpse.model;

import java.util.ArrayList;
import java.util.List;

/** Text as Unicode code points: the model's tokens, so a surrogate pair is never split. */
public final class CodePoints {

    private CodePoints() {}

    /** One string per code point, in order. */
    public static List<String> split(String text) {
        List<String> tokens = new ArrayList<>(text.length());
        text.codePoints().forEach(cp -> tokens.add(Character.toString(cp)));
        return tokens;
    }

    /**
     * Whitespace as the word-reversal rule means it: Java's whitespace plus the Unicode space
     * separators (no-break space and friends) and next-line, as Python's {@code \s} (the training
     * data generator's rule) counts them.
     */
    public static boolean isWhitespace(String token) {
        int cp = token.codePointAt(0);
        return Character.isWhitespace(cp) || Character.isSpaceChar(cp) || cp == 0x85;
    }
}
