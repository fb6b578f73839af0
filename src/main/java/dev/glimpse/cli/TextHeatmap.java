package dev.glimpse.cli;

import java.util.List;

/**
 * Draws an attention matrix as text: one row per output character, one column per input
 * character, each cell a shade from blank (no weight) to a full block (all of it).
 *
 * <pre>
 *      t h e ␣ c a t
 *   e      █
 *   h    █
 *   t  █
 * </pre>
 */
public final class TextHeatmap {

    private static final char[] SHADES = {' ', '·', '░', '▒', '▓', '█'};

    private TextHeatmap() {}

    /**
     * @param sourceTokens the columns
     * @param targetTokens the rows
     * @param weights rows = target steps, columns = source tokens
     */
    public static String render(List<String> sourceTokens, List<String> targetTokens, List<List<Float>> weights) {
        if (weights.size() != targetTokens.size()) {
            throw new IllegalArgumentException("attention has " + weights.size() + " rows for "
                    + targetTokens.size() + " target tokens");
        }
        StringBuilder sb = new StringBuilder("    ");
        for (String token : sourceTokens) {
            sb.append(' ').append(visible(token));
        }
        sb.append('\n');
        for (int row = 0; row < targetTokens.size(); row++) {
            List<Float> rowWeights = weights.get(row);
            if (rowWeights.size() != sourceTokens.size()) {
                throw new IllegalArgumentException("attention row " + row + " has " + rowWeights.size()
                        + " weights for " + sourceTokens.size() + " source tokens");
            }
            sb.append("  ").append(visible(targetTokens.get(row))).append(' ');
            for (Float w : rowWeights) {
                sb.append(' ').append(shade(w));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    static char shade(float weight) {
        if (!(weight > 0.02f)) {
            return SHADES[0];
        }
        int level = 1 + (int) Math.min(SHADES.length - 2, Math.floor(weight * (SHADES.length - 1)));
        return SHADES[level];
    }

    /** Whitespace would make the grid unreadable; show it as a visible mark. */
    private static String visible(String token) {
        if (token.equals(" ")) {
            return "␣";
        }
        if (token.isBlank()) {
            return "·";
        }
        return token.codePointCount(0, token.length()) == 1 ? token : token.substring(0, token.offsetByCodePoints(0, 1));
    }
}
