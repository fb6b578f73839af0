package dev.glimpse.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TextDecoderTest {

    private static final Vocabulary V = FakeStepModel.VOCABULARY;

    private static TextDecoder decoder(StepModel model, int maxSource) {
        return new TextDecoder(V, model, maxSource, maxSource, n -> n + 8, 32);
    }

    @Test
    void shouldReverseWordsAndKeepWhitespace() {
        TranslationResult result = decoder(new FakeStepModel(), 128).translate("the cat sat on the mat");

        assertThat(result.text()).isEqualTo("eht tac tas no eht tam");
        assertThat(result.segments()).isEqualTo(1);
        assertThat(result.eosReached()).isTrue();
        ResultInvariants.assertConsistent(result);
    }

    @Test
    void shouldReplaceEmittedUnknownWithTheMostAttendedSourceCharacter() {
        // é, ï and the emoji (a surrogate pair) are outside the fake's vocabulary.
        String text = "café naïve 😀x done";

        TranslationResult result = decoder(new FakeStepModel(), 128).translate(text);

        assertThat(result.text()).isEqualTo("éfac evïan x😀 enod");
        assertThat(result.targetTokens()).contains("😀");
        ResultInvariants.assertConsistent(result);
    }

    @Test
    void shouldReplaceUnknownWithTheMostAttendedUnknownSourceCharacterFirst() {
        // "aé": the model says unk while attending more to the known 'a' than to the unknown 'é'.
        TextDecoder decoder = decoder(new ScriptedStepModel(new float[] {0.6f, 0.4f}), 128);

        assertThat(decoder.translate("aé").text()).isEqualTo("é");
        assertThat(decoder.translate("ab").text()).isEqualTo("a");
    }

    @Test
    void shouldAnswerEmptyAndBlankTextWithoutTheModel() {
        StepModel refusing = sources -> {
            throw new AssertionError("the model must not run");
        };
        TextDecoder decoder = decoder(refusing, 128);

        TranslationResult empty = decoder.translate("");
        TranslationResult blank = decoder.translate(" \t \n");

        assertThat(empty.text()).isEmpty();
        assertThat(empty.attention()).isEmpty();
        assertThat(empty.segments()).isZero();
        assertThat(empty.eosReached()).isTrue();
        assertThat(blank.text()).isEqualTo(" \t \n");
        assertThat(blank.segments()).isZero();
        ResultInvariants.assertConsistent(empty);
        ResultInvariants.assertConsistent(blank);
    }

    @Test
    void shouldCutLongTextIntoSegmentsDecodedInBatchesAndJoinThem() {
        String text = randomText(new Random(7), 10_000);
        FakeStepModel model = new FakeStepModel();

        TranslationResult result = decoder(model, 40).translate(text);

        assertThat(result.text()).isEqualTo(WordReversal.reverseWords(text));
        assertThat(result.segments()).isGreaterThan(10_000 / 40);
        assertThat(model.batches.get()).isEqualTo((result.segments() + 31) / 32);
        assertThat(result.eosReached()).isTrue();
        ResultInvariants.assertConsistent(result);
        // Block structure: each output character attends inside the text, on the character it copies.
        for (int t = 0; t < result.attention().length; t++) {
            int argmax = argmax(result.attention()[t]);
            assertThat(result.sourceTokens().get(argmax)).isEqualTo(result.targetTokens().get(t));
        }
    }

    @Test
    void shouldCutAnOverlongWordHard() {
        TranslationResult result = decoder(new FakeStepModel(), 4).translate("abcdeabc tom");

        assertThat(result.text()).isEqualTo("dcbacbae mot");
        assertThat(result.segments()).isEqualTo(3);
        ResultInvariants.assertConsistent(result);
    }

    @Test
    void shouldGiveForEachTextOfABatchWhatASingleCallGives() {
        Random random = new Random(11);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            texts.add(randomText(random, random.nextInt(120)));
        }
        texts.add("");
        TextDecoder decoder = decoder(new FakeStepModel(), 30);

        List<TranslationResult> batch = decoder.translate(texts);

        assertThat(batch).hasSize(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            TranslationResult single = decoder.translate(texts.get(i));
            assertThat(batch.get(i).text()).isEqualTo(single.text());
            assertThat(batch.get(i).targetTokens()).isEqualTo(single.targetTokens());
            assertThat(batch.get(i).attention()).isDeepEqualTo(single.attention());
            assertThat(batch.get(i).segments()).isEqualTo(single.segments());
            ResultInvariants.assertConsistent(batch.get(i));
        }
    }

    @Test
    void shouldReportLengthLimitAsEosNotReached() {
        TranslationResult result = decoder(new FakeStepModel(V, true), 128).translate("ab");

        assertThat(result.eosReached()).isFalse();
        assertThat(result.targetTokens()).hasSize(2 + 8);
        ResultInvariants.assertConsistent(result);
    }

    @Test
    void shouldRejectANonPositiveBatchSize() {
        assertThatThrownBy(() -> new TextDecoder(V, new FakeStepModel(), 10, 10, n -> n, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Emits unk once with the given attention, then eos. */
    private record ScriptedStepModel(float[] attention) implements StepModel {
        @Override
        public StepSession start(int[][] sources) {
            int v = V.size();
            java.nio.FloatBuffer logits = java.nio.FloatBuffer.allocate(v);
            java.nio.FloatBuffer weights = java.nio.FloatBuffer.wrap(attention);
            return new StepSession() {
                int step;

                @Override
                public int batchSize() {
                    return 1;
                }

                @Override
                public int sourceLength() {
                    return attention.length;
                }

                @Override
                public int vocabularySize() {
                    return v;
                }

                @Override
                public void step(long[] previousIds) {
                    logits.put(V.unk(), step == 0 ? 5f : 0f);
                    logits.put(V.eos(), step == 0 ? 0f : 5f);
                    step++;
                }

                @Override
                public java.nio.FloatBuffer logits() {
                    return logits;
                }

                @Override
                public java.nio.FloatBuffer attention() {
                    return weights;
                }

                @Override
                public void close() {}
            };
        }
    }

    static String randomText(Random random, int length) {
        String letters = "abcdehmnost.";
        StringBuilder out = new StringBuilder();
        while (out.length() < length) {
            int word = 1 + random.nextInt(9);
            for (int i = 0; i < word; i++) {
                out.append(letters.charAt(random.nextInt(letters.length())));
            }
            out.append(random.nextInt(10) == 0 ? "  " : " ");
        }
        return out.substring(0, length);
    }

    private static int argmax(float[] row) {
        int best = 0;
        for (int i = 1; i < row.length; i++) {
            if (row[i] > row[best]) {
                best = i;
            }
        }
        return best;
    }
}
