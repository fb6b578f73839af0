package dev.glimpse.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The reference task's promises, which only a trained model keeps. The shipped bundle says in
 * model.json whether it was trained and measured ("metrics.measured"); the untrained smoke-test
 * bundle skips these tests with that reason, the trained one must pass them.
 */
class TrainedModelTest {

    private static OnnxTranslator translator;

    @BeforeAll
    static void load() {
        translator = OnnxTranslator.loadBundled(OnnxTranslator.DEFAULT_MODEL);
    }

    @BeforeEach
    void requireTrainedModel() {
        assumeTrue(isTrained(translator), "the shipped bundle is not a trained model (model.json "
                + "metrics.measured is not true): " + translator.manifest().document().path("training").path("note"));
    }

    @AfterAll
    static void close() {
        if (translator != null) {
            translator.close();
        }
    }

    static boolean isTrained(OnnxTranslator translator) {
        return translator.manifest().document().path("metrics").path("measured").asBoolean(false);
    }

    @Test
    void shouldReverseTheReferenceSentence() {
        TranslationResult result = translator.translate("the cat sat on the mat");

        assertThat(result.text()).isEqualTo("eht tac tas no eht tam");
        assertThat(result.eosReached()).isTrue();
        assertThat(result.segments()).isEqualTo(1);
        ResultInvariants.assertConsistent(result);
    }

    @Test
    void shouldRestoreCharactersOutsideTheVocabularyThroughAttention() {
        TranslationResult result = translator.translate("café naïve");

        assertThat(result.text()).isEqualTo("éfac evïan");
        ResultInvariants.assertConsistent(result);
    }

    @Test
    void shouldKeepSurrogatePairsWhole() {
        TranslationResult result = translator.translate("hello 😀 wörld 🚀x");

        assertThat(result.text()).isEqualTo("olleh 😀 dlröw x🚀");
        assertThat(result.targetTokens()).contains("😀", "🚀");
        ResultInvariants.assertConsistent(result);
    }

    @Test
    void shouldTranslateTenThousandCharacters() {
        String text = OnnxTranslatorTest.englishText(new Random(2026), 10_000);

        TranslationResult result = translator.translate(text);

        assertThat(text).hasSize(10_000);
        assertThat(result.segments()).isGreaterThanOrEqualTo(10_000 / translator.manifest().maxSourceLength());
        assertThat(result.text()).isEqualTo(WordReversal.reverseWords(text));
        ResultInvariants.assertConsistent(result);
    }
}
