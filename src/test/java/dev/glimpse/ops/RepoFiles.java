package dev.glimpse.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.glimpse.config.GlimpseConfig;
import dev.glimpse.config.Setting;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;

/** Reads the repository's deployment files (docker/, k8s/, pom.xml) for the validation tests. */
final class RepoFiles {

    static final Path ROOT = Path.of("").toAbsolutePath();
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final ObjectMapper JSON = new ObjectMapper();

    private RepoFiles() {}

    static JsonNode yaml(String path) throws IOException {
        return YAML.readTree(ROOT.resolve(path).toFile());
    }

    static String text(String path) throws IOException {
        return Files.readString(ROOT.resolve(path));
    }

    /** The Maven build's finalName: the jar is target/&lt;finalName&gt;.jar. */
    static String finalName() throws Exception {
        Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(ROOT.resolve("pom.xml").toFile());
        return pom.getElementsByTagName("finalName").item(0).getTextContent().trim();
    }

    static final Set<String> SETTING_VARS =
            Arrays.stream(Setting.values()).map(Setting::envVar).collect(Collectors.toUnmodifiableSet());

    /**
     * Every GLIMPSE_* variable must be one GlimpseConfig knows (a setting, or a GLIMPSE_KAFKA_*
     * pass-through), and together they must load without a problem, exactly as {@code run} loads them.
     */
    static GlimpseConfig assertGlimpseLoads(Map<String, String> env, String where) {
        for (String name : env.keySet()) {
            assertThat(SETTING_VARS.contains(name) || name.startsWith("GLIMPSE_KAFKA_"))
                    .as("%s sets %s, which is not a Glimpse setting (known: %s)", where, name, SETTING_VARS)
                    .isTrue();
        }
        return GlimpseConfig.load(Map.of(), Map.of(), env);
    }
}
