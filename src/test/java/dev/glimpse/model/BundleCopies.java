package dev.glimpse.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/** Copies of the shipped bundle in a directory, for tests that break one thing at a time. */
final class BundleCopies {

    static final ObjectMapper JSON = new ObjectMapper();

    private BundleCopies() {}

    static Path copyShipped(Path directory) {
        try {
            Files.createDirectories(directory);
            for (String name : BundleFiles.NAMES) {
                try (InputStream in = BundleCopies.class.getClassLoader()
                        .getResourceAsStream("models/" + OnnxTranslator.DEFAULT_MODEL + "/" + name)) {
                    if (in == null) {
                        throw new IllegalStateException("the shipped bundle has no " + name);
                    }
                    Files.write(directory.resolve(name), in.readAllBytes());
                }
            }
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void editJson(Path file, Consumer<ObjectNode> edit) {
        try {
            ObjectNode root = (ObjectNode) JSON.readTree(file.toFile());
            edit.accept(root);
            JSON.writeValue(file.toFile(), root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Records the files' current checksums in model.json, so only the intended fault remains. */
    static void resealChecksums(Path bundle) {
        editJson(bundle.resolve(BundleFiles.MANIFEST), root -> {
            for (String graph : new String[] {"encoder", "decoder"}) {
                try {
                    ((ObjectNode) root.get("onnx").get(graph)).put("sha256",
                            BundleFiles.sha256(Files.readAllBytes(bundle.resolve(graph + ".onnx"))));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        });
    }
}
