package dev.glimpse.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.FloatBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class GreedyDecoderTest {

    private static final Vocabulary V = FakeStepModel.VOCABULARY;
    private final GreedyDecoder decoder = new GreedyDecoder(V.bos(), V.eos(), V.pad());

    private static int[] ids(String text) {
        return V.encode(CodePoints.split(text));
    }

    private static String text(int[] ids) {
        StringBuilder out = new StringBuilder();
        for (int id : ids) {
            out.append(V.token(id));
        }
        return out.toString();
    }

    @Test
    void shouldEmitArgmaxUntilEos() {
        FakeStepModel model = new FakeStepModel();

        DecodedSequence row = decoder.decode(model, new int[][] {ids("cat sat")}, new int[] {50}).get(0);

        assertThat(text(row.ids())).isEqualTo("tac tas");
        assertThat(row.eosReached()).isTrue();
        assertThat(row.attention()).hasNumberOfRows(7);
        assertThat(row.attention()[0]).containsExactly(0f, 0f, 1f, 0f, 0f, 0f, 0f);
        assertThat(model.fedIds).hasSize(8); // seven tokens and the step that said eos
        assertThat(row.eosAttention()).hasSize(7);
    }

    @Test
    void shouldStopAtLengthLimitWhenEosNeverComes() {
        FakeStepModel model = new FakeStepModel(V, true);

        DecodedSequence row = decoder.decode(model, new int[][] {ids("cat")}, new int[] {11}).get(0);

        assertThat(row.ids()).hasSize(11);
        assertThat(row.eosReached()).isFalse();
        assertThat(row.eosAttention()).isNull();
        assertThat(model.fedIds).hasSize(11);
    }

    @Test
    void shouldDecodeBatchRowsExactlyAsSingleRows() {
        int[][] sources = {ids("the cat sat on the mat"), ids("a"), ids("mad hatter"), ids("on.")};
        int[] limits = {30, 9, 3, 12};

        List<DecodedSequence> batch = decoder.decode(new FakeStepModel(), sources, limits);

        for (int b = 0; b < sources.length; b++) {
            DecodedSequence single = decoder.decode(new FakeStepModel(),
                    new int[][] {sources[b]}, new int[] {limits[b]}).get(0);
            assertThat(batch.get(b).ids()).as("row %d", b).containsExactly(single.ids());
            assertThat(batch.get(b).attention()).as("row %d", b).isDeepEqualTo(single.attention());
            assertThat(batch.get(b).probabilities()).containsExactly(single.probabilities());
            assertThat(batch.get(b).eosReached()).isEqualTo(single.eosReached());
        }
        assertThat(text(batch.get(2).ids())).isEqualTo("dam");
        assertThat(batch.get(2).eosReached()).isFalse();
    }

    @Test
    void shouldFeedBosFirstThenPreviousArgmaxAndPadForFinishedRows() {
        FakeStepModel model = new FakeStepModel();

        decoder.decode(model, new int[][] {ids("ab"), ids("abcd")}, new int[] {10, 10});

        assertThat(model.fedIds.get(0)).containsExactly(V.bos(), V.bos());
        assertThat(model.fedIds.get(1)).containsExactly(V.id("b"), V.id("d"));
        assertThat(model.fedIds.get(2)).containsExactly(V.id("a"), V.id("c"));
        assertThat(model.fedIds.get(3)).containsExactly(V.pad(), V.id("b"));
        assertThat(model.fedIds).hasSize(5);
        assertThat(model.openSessions).hasValue(0);
    }

    @Test
    void shouldNotRunTheModelForRowsWithZeroLimit() {
        FakeStepModel model = new FakeStepModel();

        List<DecodedSequence> rows = decoder.decode(model, new int[][] {ids("ab")}, new int[] {0});

        assertThat(rows.get(0).ids()).isEmpty();
        assertThat(model.fedIds).isEmpty();
    }

    @Test
    void shouldTakeFirstMaximumAndReportItsSoftmaxProbability() {
        FloatBuffer logits = FloatBuffer.wrap(new float[] {0f, 2f, 2f, (float) Math.log(2)});

        assertThat(GreedyDecoder.argmax(logits, 0, 4)).isEqualTo(1);
        double expected = Math.exp(2) / (1 + 2 * Math.exp(2) + 2);
        assertThat((double) GreedyDecoder.probability(logits, 0, 4, 1)).isCloseTo(expected, within(1e-6));
    }
}
