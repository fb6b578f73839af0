package dev.glimpse.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HeatmapTest {

    @Test
    void shouldDrawOneRowPerOutputAndOneColumnPerInput() {
        TranslationResult result = new TranslationResult("ab c", "ba c", List.of("a", "b", " ", "c"),
                List.of("b", "a", " ", "c"),
                new float[][] {{0f, 1f, 0f, 0f}, {0.5f, 0.5f, 0f, 0f}, {0f, 0f, 1f, 0f}, {0.1f, 0f, 0f, 0.9f}},
                new float[] {1f, 1f, 1f, 1f}, true, 1);

        String heatmap = Heatmap.render(result);

        assertThat(heatmap.split("\n")).containsExactly(
                "  ab␣c",
                "b| @  ",
                "a|++  ",
                "␣|  @ ",
                "c|.  %");
    }

    @Test
    void shouldShadeFromBlankToAtAndClamp() {
        assertThat(Heatmap.shade(0f)).isEqualTo(' ');
        assertThat(Heatmap.shade(1f)).isEqualTo('@');
        assertThat(Heatmap.shade(-0.5f)).isEqualTo(' ');
        assertThat(Heatmap.shade(1.5f)).isEqualTo('@');
    }

    @Test
    void shouldLabelWhitespaceVisibly() {
        assertThat(Heatmap.label("\t")).isEqualTo("⇥");
        assertThat(Heatmap.label("\n")).isEqualTo("↵");
        assertThat(Heatmap.label("\u00a0")).isEqualTo("·");
        assertThat(Heatmap.label("😀")).isEqualTo("😀");
    }
}
