package dev.glimpse.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RegistrySettingsTest {

    @Test
    void shouldUseConfluentDefaults() {
        RegistrySettings settings = RegistrySettings.of("http://localhost:8081");

        assertThat(settings.autoRegister()).isTrue();
        assertThat(settings.useLatestVersion()).isFalse();
        assertThat(settings.subjectNameStrategy()).isEqualTo(SubjectNameStrategy.TOPIC_NAME);
        assertThat(settings.hasBasicAuth()).isFalse();
        assertThat(settings.truststoreType()).isEqualTo("PKCS12");
    }

    @Test
    void shouldSplitCommaSeparatedUrlsAndDropTrailingSlashes() {
        RegistrySettings settings = RegistrySettings.builder().url("http://a:8081/, https://b:8081").build();

        assertThat(settings.urls()).containsExactly(URI.create("http://a:8081"), URI.create("https://b:8081"));
    }

    @Test
    void shouldRedactSecretsInToString() {
        RegistrySettings settings = RegistrySettings.builder().url("https://sr:8081")
                .basicAuth("glimpse", "p4ssw0rd")
                .truststore(Path.of("/etc/trust.p12"), "trustp4ss", "PKCS12")
                .build();

        assertThat(settings.toString()).contains("glimpse", "/etc/trust.p12", "[redacted]")
                .doesNotContain("p4ssw0rd", "trustp4ss");
    }

    @Test
    void shouldRejectInvalidSettings() {
        assertThatThrownBy(() -> RegistrySettings.builder().build()).hasMessageContaining("at least one");
        assertThatThrownBy(() -> RegistrySettings.of("ftp://x")).hasMessageContaining("http(s)");
        assertThatThrownBy(() -> RegistrySettings.builder().url("http://x").basicAuth("u", null).build())
                .hasMessageContaining("both");
        assertThatThrownBy(() -> RegistrySettings.builder().url("http://x").maxRetries(-1).build())
                .hasMessageContaining("maxRetries");
        assertThatThrownBy(() -> RegistrySettings.builder().url("http://x").requestTimeout(Duration.ZERO).build())
                .hasMessageContaining("requestTimeout");
        assertThatThrownBy(() -> RegistrySettings.builder().url("http://x")
                .retryBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)).build())
                .hasMessageContaining("retryBackoffMax");
    }

    @Test
    void shouldNameSubjectsPerStrategy() {
        org.apache.avro.Schema schema = dev.glimpse.schema.Translation.getClassSchema();

        assertThat(SubjectNameStrategy.TOPIC_NAME.subject("out", schema, false)).isEqualTo("out-value");
        assertThat(SubjectNameStrategy.TOPIC_NAME.subject("out", schema, true)).isEqualTo("out-key");
        assertThat(SubjectNameStrategy.RECORD_NAME.subject("out", schema, false)).isEqualTo("dev.glimpse.schema.Translation");
        assertThat(SubjectNameStrategy.TOPIC_RECORD_NAME.subject("out", schema, true))
                .isEqualTo("out-dev.glimpse.schema.Translation");
    }
}
