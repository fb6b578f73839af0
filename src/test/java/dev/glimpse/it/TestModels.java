package dev.glimpse.it;

import dev.glimpse.config.GlimpseConfig;
import dev.glimpse.model.ModelInfo;
import dev.glimpse.model.TranslationResult;
import dev.glimpse.model.Translator;
import java.util.List;

/** The model the integration tests run with. TEMPORARY until OnnxTranslator lands: an exact reverser. */
final class TestModels {

    private TestModels() {}

    static Translator load(GlimpseConfig config) {
        return new Translator() {
            @Override
            public ModelInfo info() {
                return new ModelInfo("temporary-reverser", "0");
            }

            @Override
            public TranslationResult translate(String text) {
                String out = ReversalRule.apply(text);
                List<String> src = text.codePoints().mapToObj(Character::toString).toList();
                List<String> tgt = out.codePoints().mapToObj(Character::toString).toList();
                float[][] att = new float[tgt.size()][src.size()];
                for (float[] row : att) {
                    java.util.Arrays.fill(row, 1f / src.size());
                }
                return new TranslationResult(text, out, src, tgt, att, new float[tgt.size()], true, 1);
            }

            @Override
            public List<TranslationResult> translate(List<String> texts) {
                return texts.stream().map(this::translate).toList();
            }

            @Override
            public void close() {}
        };
    }
}
