package dev.glimpse.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The promises every {@link TranslationResult} keeps, whatever the input. */
final class ResultInvariants {

    private ResultInvariants() {}

    static void assertConsistent(TranslationResult result) {
        assertThat(String.join("", result.sourceTokens())).isEqualTo(result.source());
        assertThat(String.join("", result.targetTokens())).isEqualTo(result.text());
        assertThat(result.sourceTokens()).allSatisfy(ResultInvariants::isOneCodePoint);
        assertThat(result.targetTokens()).allSatisfy(ResultInvariants::isOneCodePoint);
        assertThat(result.attention().length).as("attention rows").isEqualTo(result.targetTokens().size());
        assertThat(result.stepProbabilities()).hasSize(result.targetTokens().size());
        for (int t = 0; t < result.attention().length; t++) {
            float[] row = result.attention()[t];
            assertThat(row).as("attention row %d width", t).hasSize(result.sourceTokens().size());
            double sum = 0;
            float min = 0;
            float max = 0;
            for (float weight : row) {
                min = Math.min(min, weight);
                max = Math.max(max, weight);
                sum += weight;
            }
            assertThat(min).as("smallest weight of row %d", t).isGreaterThanOrEqualTo(0f);
            assertThat(max).as("largest weight of row %d", t).isLessThanOrEqualTo(1.0001f);
            assertThat(sum).as("attention row %d sum", t).isCloseTo(1.0, within(1e-3));
            assertThat(result.stepProbabilities()[t]).isBetween(0f, 1f);
        }
    }

    private static void isOneCodePoint(String token) {
        assertThat(token.codePointCount(0, token.length())).as("code points in %s", token).isEqualTo(1);
    }
}
