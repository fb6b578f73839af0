package dev.glimpse.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glimpse.model.Segmenter.Piece;
import java.util.List;
import org.junit.jupiter.api.Test;

class SegmenterTest {

    private static List<Piece> cut(String text, int max) {
        return new Segmenter(max).cut(CodePoints.split(text));
    }

    @Test
    void shouldGiveTextWithinTheLimitToTheModelWhole() {
        assertThat(cut(" ab cd  ", 8)).containsExactly(new Piece(0, 8, true));
    }

    @Test
    void shouldCopyOuterWhitespaceOfLongText() {
        assertThat(cut(" ab cd  ", 5)).containsExactly(
                new Piece(0, 1, false), new Piece(1, 6, true), new Piece(6, 8, false));
    }

    @Test
    void shouldCutAtWhitespaceWhenTooLong() {
        // "ab cd ef" with a limit of 5: "ab cd" fits, "ef" starts the next segment.
        assertThat(cut("ab cd ef", 5)).containsExactly(
                new Piece(0, 5, true), new Piece(5, 6, false), new Piece(6, 8, true));
    }

    @Test
    void shouldCutTextOverTheLimitIntoRunsOfTheSegmentLength() {
        // Limit 10, segment length 5: "ab cd ef gh" (11) is over the limit, so runs of at most 5.
        assertThat(new Segmenter(10, 5).cut(CodePoints.split("ab cd ef gh"))).containsExactly(
                new Piece(0, 5, true), new Piece(5, 6, false), new Piece(6, 11, true));
        assertThat(new Segmenter(10, 5).cut(CodePoints.split("ab cd ef g"))).as("within the limit: whole")
                .containsExactly(new Piece(0, 10, true));
    }

    @Test
    void shouldKeepAWordLongerThanTheSegmentLengthWholeUpToTheLimit() {
        assertThat(new Segmenter(8, 3).cut(CodePoints.split("abcdefg hi"))).containsExactly(
                new Piece(0, 7, true), new Piece(7, 8, false), new Piece(8, 10, true));
    }

    @Test
    void shouldRefuseASegmentLengthOverTheLimit() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Segmenter(8, 9))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1..8");
    }

    @Test
    void shouldCutAWordLongerThanTheLimitHard() {
        assertThat(cut("abcdefg hi", 3)).containsExactly(
                new Piece(0, 3, true), new Piece(3, 6, true), new Piece(6, 7, true),
                new Piece(7, 8, false), new Piece(8, 10, true));
    }

    @Test
    void shouldGiveNothingToTranslateForEmptyOrBlankText() {
        assertThat(cut("", 4)).isEmpty();
        assertThat(cut(" \t\n", 4)).containsExactly(new Piece(0, 3, false));
    }

    @Test
    void shouldNeverMakeASegmentLongerThanTheLimit() {
        String text = "lorem ipsum dolor sit amet, consectetur adipiscing elit ".repeat(40);
        List<Piece> pieces = cut(text, 17);
        assertThat(pieces).allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(17));
        assertThat(pieces.get(pieces.size() - 1).end()).isEqualTo(text.length());
        for (int i = 1; i < pieces.size(); i++) {
            assertThat(pieces.get(i).start()).isEqualTo(pieces.get(i - 1).end());
        }
    }
}
