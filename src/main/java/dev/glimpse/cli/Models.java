package dev.glimpse.cli;

import dev.glimpse.config.GlimpseConfig;
import dev.glimpse.model.Translator;

/** Loads the configured model: a bundle directory when given, else a model bundled in the jar. */
final class Models {

    private Models() {}

    static Translator load(GlimpseConfig config) {
        throw new UnsupportedOperationException("the ONNX model engine is not integrated yet");
    }
}
