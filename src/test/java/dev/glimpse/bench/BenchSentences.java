package dev.glimpse.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The fixed, mixed-length benchmark sentences (src/test/resources/bench/sentences.txt). */
final class BenchSentences {

    private BenchSentences() {}

    static List<String> load() {
        try (InputStream in = BenchSentences.class.getClassLoader().getResourceAsStream("bench/sentences.txt")) {
            if (in == null) {
                throw new IllegalStateException("bench/sentences.txt is not on the test classpath");
            }
            List<String> out = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isEmpty()) {
                    out.add(line);
                }
            }
            return List.copyOf(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static long codePoints(List<String> sentences) {
        return sentences.stream().mapToLong(s -> s.codePointCount(0, s.length())).sum();
    }
}
