package dev.glimpse.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The schemas in {@code schemas/} against every previous committed version in
 * {@code schemas/history/<Name>/v<N>.avsc}: a change that breaks BACKWARD compatibility (a consumer on the
 * new schema could not read old records) fails the build. When a schema changes, copy its previous version
 * into history as the next {@code v<N>.avsc}.
 */
class SchemaHistoryCompatibilityTest {

    private static final Path SCHEMAS = Path.of("schemas");
    private static final Path HISTORY = SCHEMAS.resolve("history");

    /** Field names other tools and the pipeline rely on (issue #3): never renamed or removed. */
    private static final Map<String, List<String>> CONTRACT_FIELDS = Map.of(
            "TranslationRequest", List.of("id", "text", "attributes"),
            "Translation", List.of("request_id", "source_text", "translation", "model_name", "model_version",
                    "source_length", "target_length", "segments", "eos_reached", "inference_micros", "produced_at",
                    "source_topic", "source_partition", "source_offset", "attributes"),
            "AttentionMap", List.of("request_id", "model_name", "model_version", "source_tokens", "target_tokens",
                    "weights", "step_entropy", "alignment", "step_probability", "mean_entropy"));

    static Stream<String> schemaNames() throws IOException {
        try (Stream<Path> files = Files.list(SCHEMAS)) {
            return files.filter(p -> p.toString().endsWith(".avsc"))
                    .map(p -> p.getFileName().toString().replace(".avsc", ""))
                    .sorted().toList().stream();
        }
    }

    private static Schema parse(Path file) throws IOException {
        return new Schema.Parser().parse(file.toFile());
    }

    private static List<Path> history(String name) throws IOException {
        Path dir = HISTORY.resolve(name);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".avsc")).sorted().toList();
        }
    }

    /** Why {@code current} cannot read data written with {@code previous}; empty when it can. */
    static String backwardProblems(Schema current, Schema previous) {
        SchemaCompatibility.SchemaPairCompatibility result =
                SchemaCompatibility.checkReaderWriterCompatibility(current, previous);
        return result.getType() == SchemaCompatibilityType.COMPATIBLE ? "" : result.getResult().getIncompatibilities()
                .stream().map(i -> i.getType() + " at " + i.getLocation() + ": " + i.getMessage()).toList().toString();
    }

    @Test
    void shouldFindTheThreeGlimpseSchemasEachWithHistory() throws IOException {
        assertThat(schemaNames()).containsExactlyInAnyOrder("AttentionMap", "Translation", "TranslationRequest");
        for (String name : schemaNames().toList()) {
            assertThat(history(name)).as("history of " + name).isNotEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("schemaNames")
    void shouldReadDataWrittenWithEveryPreviousVersion(String name) throws IOException {
        Schema current = parse(SCHEMAS.resolve(name + ".avsc"));
        for (Path previous : history(name)) {
            assertThat(backwardProblems(current, parse(previous)))
                    .as("%s must stay BACKWARD compatible with %s", name, previous)
                    .isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("schemaNames")
    void shouldDocumentEveryField(String name) throws IOException {
        Schema current = parse(SCHEMAS.resolve(name + ".avsc"));
        assertThat(current.getDoc()).as(name + " doc").isNotBlank();
        List<String> undocumented = new ArrayList<>();
        current.getFields().forEach(f -> {
            if (f.doc() == null || f.doc().isBlank()) {
                undocumented.add(f.name());
            }
        });
        assertThat(undocumented).as("fields of %s without doc", name).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("schemaNames")
    void shouldKeepTheContractFieldNames(String name) throws IOException {
        Schema current = parse(SCHEMAS.resolve(name + ".avsc"));
        assertThat(current.getNamespace()).isEqualTo("dev.glimpse.schema");
        assertThat(current.getFields().stream().map(Schema.Field::name))
                .containsAll(CONTRACT_FIELDS.get(name));
    }

    @Test
    void shouldFlagANewFieldWithoutDefaultAsBreaking() throws IOException {
        Schema current = parse(SCHEMAS.resolve("Translation.avsc"));
        Schema breaking = new Schema.Parser().parse(getClass().getResourceAsStream("/evolution/Translation-breaking.avsc"));

        assertThat(backwardProblems(breaking, current)).contains("READER_FIELD_MISSING_DEFAULT_VALUE", "reviewer");
    }

    @Test
    void shouldFlagARemovedFieldWithoutDefaultAsBreakingForOldReaders() throws IOException {
        Schema current = parse(SCHEMAS.resolve("TranslationRequest.avsc"));
        Schema withoutText = Schema.createRecord(current.getName(), current.getDoc(), current.getNamespace(), false,
                current.getFields().stream().filter(f -> !f.name().equals("text"))
                        .map(f -> new Schema.Field(f, f.schema())).toList());

        assertThat(backwardProblems(current, withoutText)).contains("text");
    }
}
