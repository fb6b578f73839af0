package dev.glimpse.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glimpse.registry.RegistrySettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GlimpseConfigTest {

    private static final String JAAS =
            "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"alice\" password=\"s3cr3t-jaas\";";

    @Test
    void shouldDefaultToTheEmbeddedModeWithExactlyOnce() {
        GlimpseConfig config = GlimpseConfig.defaults();

        assertThat(config.embedded()).isTrue();
        assertThat(config.processingGuarantee()).isEqualTo(ProcessingGuarantee.EXACTLY_ONCE_V2);
        assertThat(config.outputFormat()).isEqualTo(OutputFormat.AVRO);
        assertThat(config.topics()).isEqualTo(
                new TopicNames("glimpse.requests", "glimpse.translations", "glimpse.attention", "glimpse.dlq"));
        assertThat(config.embeddedKafkaPort()).isEqualTo(9092);
        assertThat(config.embeddedRegistryPort()).isEqualTo(8081);
        assertThat(config.httpPort()).isEqualTo(8080);
        assertThat(config.modelName()).isEqualTo("wordrev");
    }

    @Test
    void shouldPreferFlagsOverEnvironmentOverDefaults() {
        GlimpseConfig config = GlimpseConfig.load(
                Map.of(Setting.APPLICATION_ID, "from-flag"),
                Map.of(),
                Map.of("GLIMPSE_APPLICATION_ID", "from-env", "GLIMPSE_PARTITIONS", "8",
                        "GLIMPSE_BOOTSTRAP_SERVERS", "broker-1:9092,broker-2:9093"));

        assertThat(config.applicationId()).isEqualTo("from-flag");
        assertThat(config.partitions()).isEqualTo(8);
        assertThat(config.bootstrapServers()).contains("broker-1:9092,broker-2:9093");
        assertThat(config.embedded()).isFalse();
    }

    @Test
    void shouldPassKafkaPropertiesThroughFromFileEnvironmentAndFlagsInThatOrder(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("client.properties");
        Files.writeString(file, "security.protocol=SSL\nlinger.ms=1\nclient.id=from-file\n");

        GlimpseConfig config = GlimpseConfig.load(
                Map.of(Setting.BOOTSTRAP_SERVERS, "b:9092", Setting.KAFKA_CONFIG_FILE, file.toString()),
                Map.of("client.id", "from-flag"),
                Map.of("GLIMPSE_KAFKA_SECURITY_PROTOCOL", "SASL_SSL", "GLIMPSE_KAFKA_SASL_MECHANISM", "PLAIN",
                        "GLIMPSE_KAFKA_CLIENT_ID", "from-env"));

        assertThat(config.kafkaProperties()).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "PLAIN")
                .containsEntry("linger.ms", "1")
                .containsEntry("client.id", "from-flag");
        assertThat(config.kafkaClientProperties("b:9092")).containsEntry("bootstrap.servers", "b:9092");
    }

    @Test
    void shouldRejectUnknownKafkaSettingAndSuggestTheNearestName() {
        assertThatThrownBy(() -> GlimpseConfig.load(Map.of(Setting.BOOTSTRAP_SERVERS, "b:9092"),
                Map.of("sasl.mechansim", "PLAIN"), Map.of()))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("unknown Kafka setting 'sasl.mechansim'")
                .hasMessageContaining("did you mean 'sasl.mechanism'");
    }

    @Test
    void shouldAcceptStreamsClientPrefixesAndInternalTopicSettings() {
        GlimpseConfig config = GlimpseConfig.load(Map.of(Setting.BOOTSTRAP_SERVERS, "b:9092"),
                Map.of("producer.linger.ms", "5", "main.consumer.max.poll.records", "100",
                        "topic.min.insync.replicas", "2", "num.stream.threads", "2"),
                Map.of());

        assertThat(config.kafkaProperties()).hasSize(4);
    }

    @Test
    void shouldRejectBadValuesOfKafkaSettings() {
        assertThatThrownBy(() -> GlimpseConfig.load(Map.of(Setting.BOOTSTRAP_SERVERS, "b:9092"),
                Map.of("linger.ms", "soon", "acks", "some"), Map.of()))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("linger.ms")
                .hasMessageContaining("acks");
    }

    @Test
    void shouldReportEveryBadGlimpseSettingWithItsSource() {
        InvalidConfigException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidConfigException.class,
                () -> GlimpseConfig.load(
                        Map.of(Setting.PARTITIONS, "many", Setting.OUTPUT_FORMAT, "xml",
                                Setting.INPUT_TOPIC, "bad topic!"),
                        Map.of(),
                        Map.of("GLIMPSE_PROCESSING_GUARANTEE", "exactly_twice", "GLIMPSE_HTTP_PORT", "70000",
                                "GLIMPSE_BOOTSTRAP_SERVERS", "nohostport")));

        assertThat(e.problems()).hasSize(6);
        assertThat(e.getMessage())
                .contains("--partitions: 'many' is not a whole number")
                .contains("--output-format: 'xml': expected avro or json")
                .contains("--input-topic:")
                .contains("GLIMPSE_PROCESSING_GUARANTEE: 'exactly_twice'")
                .contains("GLIMPSE_HTTP_PORT: 70000 is out of range 0..65535")
                .contains("GLIMPSE_BOOTSTRAP_SERVERS: 'nohostport' is not host:port");
    }

    @Test
    void shouldRejectTopicNamesThatCollide() {
        assertThatThrownBy(() -> GlimpseConfig.load(
                Map.of(Setting.INPUT_TOPIC, "same", Setting.TRANSLATIONS_TOPIC, "same"), Map.of(), Map.of()))
                .hasMessageContaining("different names");
    }

    @Test
    void shouldRejectBootstrapServersGivenAsAKafkaProperty() {
        assertThatThrownBy(() -> GlimpseConfig.load(Map.of(Setting.BOOTSTRAP_SERVERS, "b:9092"),
                Map.of("bootstrap.servers", "other:9092"), Map.of()))
                .hasMessageContaining("--bootstrap-servers");
    }

    @Test
    void shouldRejectSecuritySettingsWithoutACluster() {
        assertThatThrownBy(() -> GlimpseConfig.load(Map.of(), Map.of("security.protocol", "SSL"), Map.of()))
                .hasMessageContaining("without a cluster");
    }

    @Test
    void shouldRejectAMissingModelDirectory(@TempDir Path dir) {
        assertThatThrownBy(() -> GlimpseConfig.load(
                Map.of(Setting.MODEL_DIR, dir.resolve("absent").toString()), Map.of(), Map.of()))
                .hasMessageContaining("--model-dir").hasMessageContaining("is not a directory");
    }

    @Test
    void shouldRejectRegistryAuthWithoutPasswordWithoutShowingIt() {
        assertThatThrownBy(() -> GlimpseConfig.load(
                Map.of(Setting.REGISTRY_BASIC_AUTH, "onlyatokenvalue"), Map.of(), Map.of()))
                .hasMessageContaining("expected user:password")
                .hasMessageNotContaining("onlyatokenvalue");
    }

    @Test
    void shouldBuildTheRegistrySettingsFromTheRegistryFlags(@TempDir Path dir) throws Exception {
        Path jks = Files.writeString(dir.resolve("ca.jks"), "a truststore");
        GlimpseConfig config = GlimpseConfig.load(Map.of(Setting.BOOTSTRAP_SERVERS, "b:9092",
                Setting.REGISTRY_URL, "https://registry.example:8081", Setting.REGISTRY_BASIC_AUTH, "bob:pw",
                Setting.REGISTRY_TRUSTSTORE, jks.toString(), Setting.REGISTRY_TIMEOUT_MS, "2500"), Map.of(),
                Map.of("GLIMPSE_REGISTRY_TRUSTSTORE_PASSWORD", "store-pass"));

        RegistrySettings settings = config.registrySettings().orElseThrow();

        assertThat(settings.urls()).containsExactly(java.net.URI.create("https://registry.example:8081"));
        assertThat(settings.basicAuthUser()).isEqualTo("bob");
        assertThat(settings.basicAuthPassword()).isEqualTo("pw");
        assertThat(settings.truststorePath()).isEqualTo(jks);
        assertThat(settings.truststorePassword()).isEqualTo("store-pass");
        assertThat(settings.truststoreType()).as("by the file name").isEqualTo("JKS");
        assertThat(settings.requestTimeout()).isEqualTo(Duration.ofMillis(2500));
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofMillis(2500));
        assertThat(config.describe()).contains(jks.toString(), "2500 ms").doesNotContain("store-pass");
        assertThat(config.toString()).doesNotContain("store-pass");
        assertThat(GlimpseConfig.defaults().registrySettings()).as("embedded: the registry URL comes later").isEmpty();
    }

    @Test
    void shouldRejectAMissingTruststoreAPasswordWithoutOneAndAnAbsurdTimeout(@TempDir Path dir) {
        assertThatThrownBy(() -> GlimpseConfig.load(Map.of(Setting.REGISTRY_TRUSTSTORE, dir.resolve("nope.p12").toString(),
                Setting.REGISTRY_TIMEOUT_MS, "5"), Map.of(), Map.of()))
                .hasMessageContaining("--registry-truststore: '" + dir.resolve("nope.p12") + "' is not a readable file")
                .hasMessageContaining("--registry-timeout-ms: 5 is out of range 100..600000");
        assertThatThrownBy(() -> GlimpseConfig.load(Map.of(), Map.of(), Map.of("GLIMPSE_REGISTRY_TRUSTSTORE_PASSWORD", "pw")))
                .hasMessageContaining("GLIMPSE_REGISTRY_TRUSTSTORE_PASSWORD: given without --registry-truststore")
                .hasMessageNotContaining(": pw");
    }

    @Test
    void shouldNeverPrintSecrets() {
        GlimpseConfig config = GlimpseConfig.load(
                Map.of(Setting.BOOTSTRAP_SERVERS, "b:9092", Setting.REGISTRY_BASIC_AUTH, "bob:registry-pass",
                        Setting.REGISTRY_URL, "https://carol:url-pass@registry.example:8081"),
                Map.of("sasl.jaas.config", JAAS, "ssl.truststore.password", "trust-pass",
                        "ssl.key.password", "key-pass", "security.protocol", "SASL_SSL", "sasl.mechanism", "PLAIN"),
                Map.of());

        for (String shown : new String[] {config.toString(), config.describe()}) {
            assertThat(shown).doesNotContain("s3cr3t-jaas", "alice", "trust-pass", "key-pass", "registry-pass",
                    "url-pass", "carol");
            assertThat(shown).contains("SASL_SSL", "registry.example");
        }
        assertThat(config.registryBasicAuth().orElseThrow().value()).isEqualTo("bob:registry-pass");
        assertThat(config.kafkaProperties()).containsEntry("sasl.jaas.config", JAAS);
    }

    @Test
    void shouldNotPrintValuesInProblemMessages() {
        assertThatThrownBy(() -> GlimpseConfig.load(Map.of(Setting.BOOTSTRAP_SERVERS, "b:9092"),
                Map.of("sasl.jaas.confg", JAAS), Map.of()))
                .hasMessageContaining("sasl.jaas.confg")
                .hasMessageNotContaining("s3cr3t-jaas");
    }

    @Test
    void shouldNotTreatGlimpseOwnVariablesAsKafkaSettings() {
        GlimpseConfig config = GlimpseConfig.load(Map.of(Setting.BOOTSTRAP_SERVERS, "b:9092"), Map.of(),
                Map.of("GLIMPSE_KAFKA_CONFIG_FILE", "", "GLIMPSE_KAFKA_ACKS", "all"));

        assertThat(config.kafkaProperties()).containsOnlyKeys("acks");
    }
}
