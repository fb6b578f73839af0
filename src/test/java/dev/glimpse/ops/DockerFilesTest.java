package dev.glimpse.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.glimpse.config.GlimpseConfig;
import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docker/ checked where no Docker engine runs: the Dockerfile's instructions, the compose file's
 * services and their cross-references, Prometheus and Grafana provisioning.
 */
class DockerFilesTest {

    /** One Dockerfile instruction, continuation lines joined. */
    record Instruction(String keyword, String args) {}

    static List<Instruction> dockerfile;
    static JsonNode compose;

    @BeforeAll
    static void parse() throws Exception {
        dockerfile = instructions(RepoFiles.text("docker/Dockerfile"));
        compose = RepoFiles.yaml("docker/docker-compose.yml");
    }

    static List<Instruction> instructions(String text) {
        List<Instruction> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (current.isEmpty() && (trimmed.isEmpty() || trimmed.startsWith("#"))) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                current.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            current.append(trimmed);
            String[] parts = current.toString().split("\\s+", 2);
            out.add(new Instruction(parts[0].toUpperCase(), parts.length > 1 ? parts[1] : ""));
            current.setLength(0);
        }
        return out;
    }

    /** Instructions of the last stage: what the image is. */
    static List<Instruction> runtimeStage() {
        int last = 0;
        for (int i = 0; i < dockerfile.size(); i++) {
            if (dockerfile.get(i).keyword().equals("FROM")) last = i;
        }
        return dockerfile.subList(last, dockerfile.size());
    }

    static Instruction only(List<Instruction> stage, String keyword) {
        List<Instruction> found = stage.stream().filter(i -> i.keyword().equals(keyword)).toList();
        assertThat(found).as(keyword).hasSize(1);
        return found.get(0);
    }

    static List<String> jsonArray(String args) throws Exception {
        return RepoFiles.JSON.readValue(args, new TypeReference<List<String>>() {});
    }

    @Test
    void shouldBuildInOneStageAndRunOnAPinnedJreInAnother() {
        List<String> froms = dockerfile.stream().filter(i -> i.keyword().equals("FROM")).map(Instruction::args).toList();
        assertThat(froms).hasSize(2);
        assertThat(froms.get(0)).startsWith("maven:").contains("temurin-17").endsWith(" AS build");
        assertThat(froms.get(1)).startsWith("eclipse-temurin:17").contains("-jre");
        for (String from : froms) {
            String image = from.split("\\s+")[0];
            assertThat(image).as("pinned tag").matches(".+:[0-9][^:]*").doesNotEndWith(":latest");
        }
    }

    @Test
    void shouldRunTheMavenJarAsANonRootUserWithRunAsTheDefaultCommand() throws Exception {
        List<Instruction> runtime = runtimeStage();
        String jar = "/build/target/" + RepoFiles.finalName() + ".jar";
        assertThat(runtime).anySatisfy(i -> {
            assertThat(i.keyword()).isEqualTo("COPY");
            assertThat(i.args()).isEqualTo("--from=build " + jar + " /app/glimpse.jar");
        });

        List<String> entrypoint = jsonArray(only(runtime, "ENTRYPOINT").args());
        assertThat(entrypoint.get(0)).isEqualTo("java");
        assertThat(entrypoint.subList(entrypoint.size() - 2, entrypoint.size())).containsExactly("-jar", "/app/glimpse.jar");
        assertThat(entrypoint).contains("-Djava.io.tmpdir=/tmp", "-Donnxruntime.native.path=/app/native");
        assertThat(jsonArray(only(runtime, "CMD").args())).containsExactly("run");

        String user = only(runtime, "USER").args();
        assertThat(user).matches("[1-9][0-9]*:[1-9][0-9]*");
        assertThat(String.join(" ", runtime.stream().map(Instruction::args).toList())).contains("--uid " + user.split(":")[0]);
    }

    @Test
    void shouldExposeTheOpsPortAndCheckHealthOnTheLivenessPath() {
        List<Instruction> runtime = runtimeStage();
        assertThat(only(runtime, "EXPOSE").args()).isEqualTo(String.valueOf(OpsServer.DEFAULT_PORT));
        assertThat(only(runtime, "HEALTHCHECK").args()).contains("/health/live").contains("' 200 '");
        assertThat(only(runtime, "ENV").args()).isEqualTo("GLIMPSE_HTTP_PORT=" + OpsServer.DEFAULT_PORT);
    }

    @Test
    void shouldCopyOnlySourcesThatExistAndThatTheDockerignoreLetsThrough() throws Exception {
        List<String> ignore = RepoFiles.text(".dockerignore").lines()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        assertThat(ignore.get(0)).isEqualTo("**");
        Set<String> allowed = new TreeSet<>();
        ignore.stream().skip(1).forEach(l -> {
            assertThat(l).startsWith("!");
            allowed.add(l.substring(1));
        });
        for (Instruction copy : dockerfile) {
            if (!copy.keyword().equals("COPY") || copy.args().startsWith("--from")) continue;
            String source = copy.args().split("\\s+")[0];
            assertThat(Files.exists(RepoFiles.ROOT.resolve(source))).as("COPY source %s exists", source).isTrue();
            assertThat(allowed).as("COPY source %s is in the build context", source).contains(source);
        }
    }

    @Test
    void shouldDefineKafkaRegistryGlimpsePrometheusGrafanaAndKafkaUiWithPinnedImages() {
        Set<String> services = new TreeSet<>();
        compose.get("services").fieldNames().forEachRemaining(services::add);
        assertThat(services).containsExactlyInAnyOrder("kafka", "schema-registry", "glimpse", "prometheus", "grafana", "kafka-ui");
        compose.get("services").forEach(service -> {
            String image = service.get("image").asText();
            assertThat(image).as("pinned image").matches("[a-z0-9./-]+:v?[0-9][0-9A-Za-z._-]*");
        });
        assertThat(compose.at("/services/kafka/image").asText()).startsWith("apache/kafka:");
        assertThat(compose.at("/services/kafka/environment/KAFKA_PROCESS_ROLES").asText()).isEqualTo("broker,controller");
        assertThat(compose.at("/services/schema-registry/image").asText()).startsWith("confluentinc/cp-schema-registry:");
    }

    @Test
    void shouldPointGlimpseAtTheComposeKafkaAndRegistryWithSettingsGlimpseAccepts() throws Exception {
        JsonNode glimpse = compose.at("/services/glimpse");
        Map<String, String> env = new LinkedHashMap<>();
        glimpse.get("environment").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        GlimpseConfig config = RepoFiles.assertGlimpseLoads(env, "docker-compose glimpse");

        String bootstrap = config.bootstrapServers().orElseThrow();
        String kafkaListeners = compose.at("/services/kafka/environment/KAFKA_ADVERTISED_LISTENERS").asText();
        assertThat(kafkaListeners).as("a kafka listener advertises %s", bootstrap).contains("//" + bootstrap);

        URI registry = URI.create(config.registryUrl().orElseThrow());
        assertThat(registry.getHost()).isEqualTo("schema-registry");
        assertThat(compose.at("/services/schema-registry/environment/SCHEMA_REGISTRY_LISTENERS").asText())
                .endsWith(":" + registry.getPort());
        assertThat(compose.at("/services/kafka-ui/environment/KAFKA_CLUSTERS_0_SCHEMAREGISTRY").asText())
                .isEqualTo(config.registryUrl().orElseThrow());

        assertThat(config.httpPort()).isEqualTo(OpsServer.DEFAULT_PORT);
        assertThat(glimpse.get("ports").get(0).asText()).isEqualTo(config.httpPort() + ":" + config.httpPort());
        assertThat(glimpse.at("/build/dockerfile").asText()).isEqualTo("docker/Dockerfile");
        assertThat(RepoFiles.ROOT.resolve("docker").resolve(glimpse.at("/build/context").asText()).normalize())
                .isEqualTo(RepoFiles.ROOT.normalize());
        assertThat(glimpse.get("read_only").asBoolean()).isTrue();
        assertThat(glimpse.get("tmpfs").get(0).asText()).isEqualTo("/tmp");
    }

    @Test
    void shouldMountOnlyFilesThatExistAndScrapeGlimpseMetrics() throws Exception {
        for (String service : List.of("prometheus", "grafana")) {
            for (JsonNode volume : compose.at("/services/" + service + "/volumes")) {
                String host = volume.asText().split(":")[0];
                assertThat(Files.exists(RepoFiles.ROOT.resolve("docker").resolve(host))).as("%s mounts %s", service, host).isTrue();
            }
        }
        JsonNode scrape = RepoFiles.yaml("docker/prometheus/prometheus.yml").at("/scrape_configs/0");
        assertThat(scrape.get("metrics_path").asText()).isEqualTo("/metrics");
        assertThat(scrape.at("/static_configs/0/targets/0").asText()).isEqualTo("glimpse:" + OpsServer.DEFAULT_PORT);
        assertThat(scrape.get("job_name").asText()).isEqualTo("glimpse");
    }

    /** PromQL metric selectors in the Grafana dashboard: a name followed by { or [. */
    static Set<String> dashboardMetrics() throws Exception {
        JsonNode dashboard = RepoFiles.JSON.readTree(RepoFiles.ROOT.resolve("docker/grafana/dashboards/glimpse.json").toFile());
        Set<String> metrics = new TreeSet<>();
        Pattern selector = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*[{\\[]");
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.get("targets")) {
                Matcher m = selector.matcher(target.get("expr").asText());
                while (m.find()) {
                    metrics.add(m.group(1));
                }
            }
        }
        return metrics;
    }

    @Test
    void shouldProvisionTheGrafanaDashboardOnThePrometheusDatasource() throws Exception {
        JsonNode datasource = RepoFiles.yaml("docker/grafana/provisioning/datasources/prometheus.yml").at("/datasources/0");
        assertThat(datasource.get("url").asText()).isEqualTo("http://prometheus:9090");
        JsonNode dashboard = RepoFiles.JSON.readTree(RepoFiles.ROOT.resolve("docker/grafana/dashboards/glimpse.json").toFile());
        Set<String> titles = new TreeSet<>();
        for (JsonNode panel : dashboard.get("panels")) {
            titles.add(panel.get("title").asText());
            assertThat(panel.at("/datasource/uid").asText()).isEqualTo(datasource.get("uid").asText());
            assertThat(panel.get("targets")).isNotEmpty();
        }
        assertThat(titles).contains("Throughput", "Inference latency percentiles", "Dead letters by reason",
                "Consumer lag (records)", "Attention entropy (mean, nats)", "Attention entropy distribution (nats)");
        JsonNode provider = RepoFiles.yaml("docker/grafana/provisioning/dashboards/glimpse.yml").at("/providers/0");
        assertThat(compose.at("/services/grafana/volumes").toString()).contains(":" + provider.at("/options/path").asText() + ":");
        assertThat(dashboardMetrics()).contains("glimpse_records_translated_total",
                "glimpse_inference_latency_seconds_bucket", "glimpse_dlq_records_total",
                "kafka_consumer_fetch_manager_records_lag_max", "glimpse_attention_entropy_nats_sum", "glimpse_attention_entropy_nats_bucket");
    }
}
