package dev.glimpse.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextHeatmapTest {

    @Test
    void shouldDrawOneRowPerOutputCharacterWithTheStrongestWeightAsAFullBlock() {
        String map = TextHeatmap.render(List.of("a", "b"), List.of("b", "a"),
                List.of(List.of(0.0f, 1.0f), List.of(0.99f, 0.01f)));

        assertThat(map.split("\n")).containsExactly(
                "     a b",
                "  b    █",
                "  a  █  ");
    }

    @Test
    void shouldShowSpacesAsAVisibleMark() {
        assertThat(TextHeatmap.render(List.of(" "), List.of(" "), List.of(List.of(0.5f))))
                .contains("␣").contains("▒");
    }

    @Test
    void shouldShadeByWeight() {
        assertThat(TextHeatmap.shade(0.0f)).isEqualTo(' ');
        assertThat(TextHeatmap.shade(0.1f)).isEqualTo('·');
        assertThat(TextHeatmap.shade(0.3f)).isEqualTo('░');
        assertThat(TextHeatmap.shade(0.5f)).isEqualTo('▒');
        assertThat(TextHeatmap.shade(0.7f)).isEqualTo('▓');
        assertThat(TextHeatmap.shade(0.9f)).isEqualTo('█');
    }

    @Test
    void shouldRejectAMatrixThatDoesNotMatchTheTokens() {
        assertThatThrownBy(() -> TextHeatmap.render(List.of("a"), List.of("a", "b"), List.of(List.of(1f))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 rows for 2 target tokens");
    }
}
