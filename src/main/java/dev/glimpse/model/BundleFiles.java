package dev.glimpse.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The bytes of a bundle's four files, read from a directory or the classpath. ONNX Runtime builds
 * its sessions from these same bytes, so what was checksummed is exactly what runs.
 */
record BundleFiles(String origin, Map<String, byte[]> files) {

    static final String ENCODER = "encoder.onnx";
    static final String DECODER = "decoder.onnx";
    static final String MANIFEST = "model.json";
    static final String GOLDEN = "golden.json";
    static final List<String> NAMES = List.of(MANIFEST, ENCODER, DECODER, GOLDEN);

    static BundleFiles fromDirectory(Path directory) {
        String origin = "model bundle " + directory;
        if (!Files.isDirectory(directory)) {
            throw new ModelLoadException(origin + ": not a directory");
        }
        Map<String, byte[]> files = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (String name : NAMES) {
            try {
                files.put(name, Files.readAllBytes(directory.resolve(name)));
            } catch (NoSuchFileException e) {
                missing.add(name);
            } catch (IOException e) {
                throw new ModelLoadException(origin + ": cannot read " + name + ": " + e.getMessage(), e);
            }
        }
        return checked(origin, files, missing);
    }

    static BundleFiles fromClasspath(String name) {
        String folder = "models/" + name + "/";
        String origin = "bundled model '" + name + "' (classpath " + folder + ")";
        ClassLoader loader = BundleFiles.class.getClassLoader();
        Map<String, byte[]> files = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (String file : NAMES) {
            try (InputStream in = loader.getResourceAsStream(folder + file)) {
                if (in == null) {
                    missing.add(file);
                } else {
                    files.put(file, in.readAllBytes());
                }
            } catch (IOException e) {
                throw new ModelLoadException(origin + ": cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        if (missing.size() == NAMES.size()) {
            throw new ModelLoadException("no bundled model '" + name + "': classpath has no " + folder);
        }
        return checked(origin, files, missing);
    }

    private static BundleFiles checked(String origin, Map<String, byte[]> files, List<String> missing) {
        if (!missing.isEmpty()) {
            throw new ModelLoadException(origin + ": missing " + String.join(", ", missing));
        }
        return new BundleFiles(origin, Map.copyOf(files));
    }

    byte[] get(String name) {
        return files.get(name);
    }

    /** Fails unless the file's sha256 is the one model.json records. */
    void verifyChecksum(String name, Map<String, String> recorded) {
        String expected = recorded.get(name);
        if (expected == null) {
            throw new ModelLoadException(origin + ": model.json records no sha256 for " + name);
        }
        String actual = sha256(files.get(name));
        if (!actual.equalsIgnoreCase(expected.trim())) {
            throw new ModelLoadException(origin + ": checksum of " + name + " differs: model.json says "
                    + expected + ", the file's sha256 is " + actual);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
