package dev.glimpse.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class AttentionStatsTest {

    @Test
    void shouldMeasureEntropyInNats() {
        assertThat((double) AttentionStats.entropy(new float[] {1f, 0f, 0f})).isCloseTo(0, within(1e-7));
        assertThat((double) AttentionStats.entropy(new float[] {0.25f, 0.25f, 0.25f, 0.25f}))
                .isCloseTo(Math.log(4), within(1e-6));
    }

    @Test
    void shouldFindTheFirstLargestWeight() {
        assertThat(AttentionStats.argmax(new float[] {0.1f, 0.6f, 0.3f})).isEqualTo(1);
        assertThat(AttentionStats.argmax(new float[] {0.5f, 0.5f})).isZero();
        assertThat(AttentionStats.argmax(new float[0])).isEqualTo(-1);
    }

    @Test
    void shouldAverageAndGiveZeroForNoSteps() {
        assertThat(AttentionStats.mean(new float[] {1f, 2f})).isEqualTo(1.5f);
        assertThat(AttentionStats.mean(new float[0])).isZero();
    }
}
