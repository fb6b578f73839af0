package dev.glimpse.cli;

import dev.glimpse.config.GlimpseConfig;
import dev.glimpse.model.OnnxTranslator;
import dev.glimpse.model.Translator;

/** Loads the configured model: a bundle directory when given, else a model bundled in the jar. */
final class Models {

    private Models() {}

    /** Loading includes the model's self-test: a bundle that fails it throws ModelLoadException. */
    static Translator load(GlimpseConfig config) {
        return config.modelDir().isPresent()
                ? OnnxTranslator.load(config.modelDir().get())
                : OnnxTranslator.loadBundled(config.modelName());
    }
}
