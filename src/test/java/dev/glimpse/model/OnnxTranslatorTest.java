package dev.glimpse.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shipped bundle through the ONNX engine. */
class OnnxTranslatorTest {

    private static OnnxTranslator translator;

    @BeforeAll
    static void load() {
        translator = OnnxTranslator.loadBundled(OnnxTranslator.DEFAULT_MODEL);
    }

    @AfterAll
    static void close() {
        translator.close();
    }

    @Test
    void shouldReproduceTheGoldenVectorsRecordedFromPyTorch() throws IOException {
        GoldenVector.Golden golden = golden();
        List<GoldenVector> vectors = golden.cases();
        Vocabulary vocabulary = translator.manifest().vocabulary();
        assertThat(vectors).isNotEmpty();

        for (int i = 0; i < vectors.size(); i++) {
            GoldenVector vector = vectors.get(i);
            TranslationResult result = translator.translate(vector.input());

            assertThat(result.text()).as("text of vector %d", i).isEqualTo(vector.text());
            assertThat(result.targetTokens()).as("tokens of vector %d", i).hasSize(vector.outputIds().length);
            for (int t = 0; t < vector.outputIds().length; t++) {
                int expected = vector.outputIds()[t];
                String token = result.targetTokens().get(t);
                if (vocabulary.isSpecial(expected)) {
                    assertThat(token).isEqualTo(CodePoints.split(vector.text()).get(t));
                } else {
                    assertThat(vocabulary.id(token)).as("id %d of vector %d", t, i).isEqualTo(expected);
                }
                for (int s = 0; s < vector.attention()[t].length; s++) {
                    assertThat(result.attention()[t][s]).as("attention[%d][%d] of vector %d", t, s, i)
                            .isCloseTo(vector.attention()[t][s], within((float) golden.tolerance()));
                }
            }
            ResultInvariants.assertConsistent(result);
        }
    }

    @Test
    void shouldKeepEveryResultInvariantOnLongAndOddInput() {
        String text = " " + englishText(new Random(2026), 10_000) + " 😀\tcafé\n";

        TranslationResult result = translator.translate(text);

        assertThat(result.segments()).isGreaterThanOrEqualTo(10_000 / translator.manifest().maxSourceLength());
        ResultInvariants.assertConsistent(result);
    }

    @Test
    void shouldAnswerEmptyAndBlankText() {
        TranslationResult empty = translator.translate("");
        TranslationResult blank = translator.translate("  \t ");

        assertThat(empty.text()).isEmpty();
        assertThat(blank.text()).isEqualTo("  \t ");
        ResultInvariants.assertConsistent(empty);
        ResultInvariants.assertConsistent(blank);
    }

    @Test
    void shouldGiveInABatchWhatSingleCallsGive() {
        List<String> texts = sampleTexts();

        List<TranslationResult> batch = translator.translate(texts);

        for (int i = 0; i < texts.size(); i++) {
            assertSame(batch.get(i), translator.translate(texts.get(i)));
        }
    }

    @Test
    void shouldServeConcurrentCallersAsSequentialOnes() throws Exception {
        List<String> texts = sampleTexts();
        List<TranslationResult> expected = new ArrayList<>();
        for (String text : texts) {
            expected.add(translator.translate(text));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<TranslationResult>>> futures = new ArrayList<>();
            for (int caller = 0; caller < 4; caller++) {
                futures.add(pool.submit(() -> {
                    List<TranslationResult> out = new ArrayList<>();
                    for (String text : texts) {
                        out.add(translator.translate(text));
                    }
                    return out;
                }));
            }
            for (Future<List<TranslationResult>> future : futures) {
                List<TranslationResult> got = future.get();
                for (int i = 0; i < texts.size(); i++) {
                    assertSame(got.get(i), expected.get(i));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldRefuseToTranslateOnceClosed() {
        OnnxTranslator other = OnnxTranslator.loadBundled(OnnxTranslator.DEFAULT_MODEL);
        assertThat(other.info()).isEqualTo(translator.info());
        other.close();
        other.close();

        assertThatThrownBy(() -> other.translate("the cat"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    private static void assertSame(TranslationResult actual, TranslationResult expected) {
        assertThat(actual.text()).isEqualTo(expected.text());
        assertThat(actual.targetTokens()).isEqualTo(expected.targetTokens());
        assertThat(actual.eosReached()).isEqualTo(expected.eosReached());
        for (int t = 0; t < expected.attention().length; t++) {
            for (int s = 0; s < expected.attention()[t].length; s++) {
                assertThat(actual.attention()[t][s]).isCloseTo(expected.attention()[t][s], within(1e-5f));
            }
        }
    }

    static List<String> sampleTexts() {
        return List.of("the cat sat on the mat", "a", "Hello, World!", "", "  padded  ",
                "Numbers 12,345.67 and 3:45 -> fine?", "QUICK brown fox; jumps (over) the lazy dog.",
                "café naïve", "x", englishText(new Random(3), 300), "tab\tseparated\nlines");
    }

    private static final String[] WORDS = ("the of and to in is you that it he was for on are as with his they at "
            + "be this have from or one had by word but not what all were we when your can said there use an "
            + "each which she do how their if will up other about out many then them these so some her would "
            + "make like him into time has look two more write go see number no way could people my than first "
            + "water been call who oil its now find long down day did get come made may part river, house. "
            + "Morning! \"quoted\" (aside) 1999 well-known it's").split(" ");

    static String englishText(Random random, int length) {
        StringBuilder out = new StringBuilder();
        while (out.length() < length) {
            if (out.length() > 0) {
                out.append(' ');
            }
            out.append(WORDS[random.nextInt(WORDS.length)]);
        }
        return out.substring(0, length);
    }

    private static GoldenVector.Golden golden() throws IOException {
        try (InputStream in = OnnxTranslatorTest.class.getClassLoader()
                .getResourceAsStream("models/" + OnnxTranslator.DEFAULT_MODEL + "/golden.json")) {
            return GoldenVector.parse("shipped bundle", in.readAllBytes(),
                    translator.manifest().vocabulary().eos());
        }
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
