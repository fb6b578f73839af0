package dev.glimpse.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glimpse.schema.Translation;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS with a self-signed certificate made by the JDK's keytool: trusted only through the configured truststore. */
class RegistryTlsTest {

    private static final String PASSWORD = "changeit";

    @TempDir
    static Path dir;
    private static Path keystore;
    private static Path truststore;

    private EmbeddedSchemaRegistry registry;

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as("keytool %s: %s", args[0], output).isZero();
    }

    @BeforeAll
    static void makeCertificates() throws Exception {
        keystore = dir.resolve("registry.p12");
        truststore = dir.resolve("trust.p12");
        Path certificate = dir.resolve("registry.crt");
        keytool("-genkeypair", "-alias", "registry", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                "-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
        keytool("-exportcert", "-alias", "registry", "-keystore", keystore.toString(), "-storetype", "PKCS12",
                "-storepass", PASSWORD, "-rfc", "-file", certificate.toString());
        keytool("-importcert", "-noprompt", "-alias", "registry", "-file", certificate.toString(),
                "-keystore", truststore.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
    }

    @AfterEach
    void stop() {
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void shouldRoundTripOverTlsWithTheConfiguredTruststore() {
        registry = EmbeddedSchemaRegistry.builder().tls(keystore, PASSWORD, "PKCS12").start("localhost", 0);
        RegistrySettings settings = RegistrySettings.builder().url(registry.url())
                .truststore(truststore, PASSWORD, "PKCS12").build();
        HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(settings);

        byte[] bytes = new AvroSerializer<>(Translation.class, client, settings, false).serialize("t", SampleRecords.translation());

        assertThat(registry.url()).startsWith("https://localhost:");
        assertThat(new AvroDeserializer<>(Translation.class, new HttpSchemaRegistryClient(settings)).deserialize("t", bytes))
                .isEqualTo(SampleRecords.translation());
    }

    @Test
    void shouldRefuseTheSelfSignedCertificateWithoutTheTruststore() {
        registry = EmbeddedSchemaRegistry.builder().tls(keystore, PASSWORD, "PKCS12").start("localhost", 0);
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
                .truststore(dir.resolve("missing.p12"), PASSWORD, "PKCS12").build();

        assertThatThrownBy(() -> new HttpSchemaRegistryClient(settings))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot load schema registry truststore")
                .hasMessageContaining("missing.p12");
    }
}
