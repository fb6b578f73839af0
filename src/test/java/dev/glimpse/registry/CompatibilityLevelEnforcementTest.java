package dev.glimpse.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The embedded registry's store enforces every Confluent compatibility level on register. Each row:
 * a level, the schemas already registered (oldest first), a candidate, and whether it must be accepted.
 */
class CompatibilityLevelEnforcementTest {

    private static String record(String fields) {
        return "{\"type\":\"record\",\"name\":\"R\",\"fields\":[" + fields + "]}";
    }

    private static final String A_INT = "{\"name\":\"a\",\"type\":\"int\"}";
    private static final String A_INT_DEFAULT = "{\"name\":\"a\",\"type\":\"int\",\"default\":1}";
    private static final String A_STRING_DEFAULT = "{\"name\":\"a\",\"type\":\"string\",\"default\":\"x\"}";
    private static final String B_REQUIRED = "{\"name\":\"b\",\"type\":\"string\"}";
    private static final String B_OPTIONAL = "{\"name\":\"b\",\"type\":\"string\",\"default\":\"\"}";

    private static String schema(String name) {
        return switch (name) {
            case "a" -> record(A_INT);
            case "a+b?" -> record(A_INT + "," + B_OPTIONAL);
            case "a+b!" -> record(A_INT + "," + B_REQUIRED);
            case "empty" -> record("");
            case "aString?" -> record(A_STRING_DEFAULT);
            case "aInt?" -> record(A_INT_DEFAULT);
            default -> throw new IllegalArgumentException(name);
        };
    }

    @ParameterizedTest(name = "{0}: {1} then {2} -> accepted={3}")
    @CsvSource({
            // adding an optional field is fine everywhere
            "NONE,                a,           a+b?,     true",
            "BACKWARD,            a,           a+b?,     true",
            "FORWARD,             a,           a+b?,     true",
            "FULL,                a,           a+b?,     true",
            // adding a required field: new readers cannot read old data
            "NONE,                a,           a+b!,     true",
            "BACKWARD,            a,           a+b!,     false",
            "FORWARD,             a,           a+b!,     true",
            "FULL,                a,           a+b!,     false",
            // removing a field without default: old readers cannot read new data
            "BACKWARD,            a,           empty,    true",
            "FORWARD,             a,           empty,    false",
            "FULL,                a,           empty,    false",
            // transitive levels also check versions before the latest
            "BACKWARD,            a empty,     aString?, true",
            "BACKWARD_TRANSITIVE, a empty,     aString?, false",
            "FORWARD,             aString? empty, a,     true",
            "FORWARD_TRANSITIVE,  aString? empty, a,     false",
            "FULL,                aString? empty, aInt?, true",
            "FULL_TRANSITIVE,     aString? empty, aInt?, false",
    })
    void shouldEnforceTheLevelOnRegister(CompatibilityLevel level, String existing, String candidate, boolean accepted) {
        SchemaStore store = new SchemaStore();
        store.setGlobalLevel(CompatibilityLevel.NONE);
        for (String name : existing.split(" ")) {
            store.register("s", schema(name));
        }
        store.setSubjectLevel("s", level);

        if (accepted) {
            store.register("s", schema(candidate));
            assertThat(store.versions("s")).hasSize(existing.split(" ").length + 1);
            assertThat(store.checkCompatibility("s", null, schema(candidate))).isEmpty();
        } else {
            assertThat(store.checkCompatibility("s", null, schema(candidate))).isNotEmpty();
            assertThatThrownBy(() -> store.register("s", schema(candidate)))
                    .isInstanceOfSatisfying(RestError.class, e -> {
                        assertThat(e.httpStatus()).isEqualTo(409);
                        assertThat(e.errorCode()).isEqualTo(409);
                    });
            assertThat(store.versions("s")).hasSize(existing.split(" ").length);
        }
    }

    @ParameterizedTest
    @CsvSource({"BACKWARD", "FORWARD", "FULL", "NONE"})
    void shouldCheckAgainstOneNamedVersionOnly(CompatibilityLevel level) {
        SchemaStore store = new SchemaStore();
        store.setGlobalLevel(level);
        store.register("s", schema("a"));

        List<String> problems = store.checkCompatibility("s", "1", schema("a+b!"));

        assertThat(problems.isEmpty()).isEqualTo(level == CompatibilityLevel.NONE || level == CompatibilityLevel.FORWARD);
    }
}
