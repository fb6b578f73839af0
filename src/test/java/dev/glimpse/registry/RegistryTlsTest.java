package dev.glimpse.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glimpse.schema.Translation;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS with a self-signed certificate made by the JDK's keytool: trusted only through the configured truststore. */
class RegistryTlsTest {

    @TempDir
    static Path dir;
    private static SelfSignedCertificate certificate;

    private EmbeddedSchemaRegistry registry;

    @BeforeAll
    static void makeCertificates() throws Exception {
        certificate = SelfSignedCertificate.create(dir);
    }

    @AfterEach
    void stop() {
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void shouldRoundTripOverTlsWithTheConfiguredTruststore() {
        registry = certificate.startRegistry();
        RegistrySettings settings = RegistrySettings.builder().url(registry.url())
                .truststore(certificate.truststore(), certificate.password(), "PKCS12").build();
        HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(settings);

        byte[] bytes = new AvroSerializer<>(Translation.class, client, settings, false).serialize("t", SampleRecords.translation());

        assertThat(registry.url()).startsWith("https://localhost:");
        assertThat(new AvroDeserializer<>(Translation.class, new HttpSchemaRegistryClient(settings)).deserialize("t", bytes))
                .isEqualTo(SampleRecords.translation());
    }

    @Test
    void shouldRefuseTheSelfSignedCertificateWithoutTheTruststore() {
        registry = certificate.startRegistry();
        HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(
                RegistrySettings.builder().url(registry.url()).maxRetries(0).build());

        assertThatThrownBy(client::subjects)
                .isInstanceOfSatisfying(RegistryException.class,
                        e -> assertThat(e.httpStatus()).isEqualTo(RegistryException.NO_RESPONSE))
                .hasMessageContaining("SSLHandshakeException");
    }

    @Test
    void shouldReportAnUnreadableTruststoreClearly() {
        RegistrySettings settings = RegistrySettings.builder().url("https://localhost:1")
                .truststore(dir.resolve("missing.p12"), "changeit", "PKCS12").build();

        assertThatThrownBy(() -> new HttpSchemaRegistryClient(settings))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot load schema registry truststore")
                .hasMessageContaining("missing.p12");
    }
}
