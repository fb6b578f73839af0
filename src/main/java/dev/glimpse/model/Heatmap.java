package dev.glimpse.model;

import java.util.List;

/**
 * Attention as a text heatmap: one row per output character, one column per input character,
 * each cell shaded by its weight from blank (0) to {@code @} (1). Whitespace is drawn visibly
 * (space as {@code ␣}, tab as {@code ⇥}, newline as {@code ↵}) so the labels stay one column wide.
 *
 * <pre>
 *   the␣cat
 * e|  @
 * h| @
 * </pre>
 */
public final class Heatmap {

    /** Ten shades, lightest first. */
    public static final String SHADES = " .:-=+*#%@";

    private Heatmap() {}

    public static String render(TranslationResult result) {
        StringBuilder out = new StringBuilder();
        out.append("  ");
        for (String token : result.sourceTokens()) {
            out.append(label(token));
        }
        out.append('\n');
        List<String> target = result.targetTokens();
        for (int t = 0; t < target.size(); t++) {
            out.append(label(target.get(t))).append('|');
            for (float weight : result.attention()[t]) {
                out.append(shade(weight));
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** The shade of one weight in [0, 1]; out-of-range weights are clamped. */
    public static char shade(float weight) {
        float clamped = Math.max(0f, Math.min(1f, weight));
        return SHADES.charAt(Math.round(clamped * (SHADES.length() - 1)));
    }

    /** A token as one visible label. */
    public static String label(String token) {
        return switch (token) {
            case " " -> "␣";
            case "\t" -> "⇥";
            case "\n" -> "↵";
            case "\r" -> "␍";
            default -> token.codePoints().anyMatch(Character::isISOControl)
                    || CodePoints.isWhitespace(token) ? "·" : token;
        };
    }
}
