package dev.glimpse.config;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.glimpse.registry.EmbeddedSchemaRegistry;
import dev.glimpse.registry.RegistrySettings;
import dev.glimpse.registry.SelfSignedCertificate;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReachabilityTest {

    private HttpServer registry;

    @BeforeEach
    void startFakeRegistry() throws Exception {
        registry = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        registry.createContext("/subjects", exchange -> {
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            boolean ok = auth == null || auth.equals("Basic " + java.util.Base64.getEncoder()
                    .encodeToString("user:right".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            byte[] body = "[]".getBytes();
            exchange.sendResponseHeaders(ok ? 200 : 401, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        registry.start();
    }

    @AfterEach
    void stopFakeRegistry() {
        registry.stop(0);
    }

    private String registryUrl() {
        return "http://localhost:" + registry.getAddress().getPort();
    }

    /** Registry settings as Glimpse builds them from its configuration. */
    private static RegistrySettings registry(String url, String... more) {
        Map<Setting, String> flags = new java.util.EnumMap<>(Setting.class);
        flags.put(Setting.BOOTSTRAP_SERVERS, "localhost:9092");
        flags.put(Setting.REGISTRY_URL, url);
        for (int i = 0; i < more.length; i += 2) {
            flags.put(Setting.valueOf(more[i]), more[i + 1]);
        }
        return GlimpseConfig.load(flags, Map.of(), Map.of()).registrySettings().orElseThrow();
    }

    @Test
    void shouldTrustATlsRegistryThroughTheConfiguredTruststoreOnly(@TempDir Path dir) throws Exception {
        SelfSignedCertificate certificate = SelfSignedCertificate.create(dir);
        try (EmbeddedSchemaRegistry tls = certificate.startRegistry()) {
            assertThatCode(() -> Reachability.requireRegistry(registry(tls.url(),
                    "REGISTRY_TRUSTSTORE", certificate.truststore().toString(),
                    "REGISTRY_TRUSTSTORE_PASSWORD", certificate.password()), Duration.ofSeconds(10)))
                    .doesNotThrowAnyException();
            assertThatThrownBy(() -> Reachability.requireRegistry(registry(tls.url()), Duration.ofSeconds(10)))
                    .isInstanceOf(InvalidConfigException.class)
                    .hasMessageContaining("Cannot reach the schema registry at " + tls.url())
                    .hasMessageContaining("--registry-truststore if its certificate is not signed by a public CA");
        }
    }

    @Test
    void shouldNameTheTruststoreFlagWhenTheTruststoreCannotBeRead(@TempDir Path dir) throws Exception {
        Path notAKeystore = Files.writeString(dir.resolve("ca.p12"), "not a keystore");

        assertThatThrownBy(() -> Reachability.requireRegistry(registry("https://localhost:1",
                "REGISTRY_TRUSTSTORE", notAKeystore.toString()), Duration.ofSeconds(2)))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("--registry-truststore: cannot load schema registry truststore " + notAKeystore);
    }

    @Test
    void shouldAcceptARegistryThatAnswers() {
        assertThatCode(() -> Reachability.requireRegistry(
                registry(registryUrl(), "REGISTRY_BASIC_AUTH", "user:right"), Duration.ofSeconds(5))).doesNotThrowAnyException();
    }

    @Test
    void shouldSayWhenTheRegistryRefusesTheCredentials() {
        assertThatThrownBy(() -> Reachability.requireRegistry(
                registry(registryUrl(), "REGISTRY_BASIC_AUTH", "user:wrong"), Duration.ofSeconds(5)))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("refused the credentials")
                .hasMessageNotContaining("wrong");
    }

    @Test
    void shouldSayWhenTheRegistryIsUnreachable() throws Exception {
        int closedPort = closedPort();
        assertThatThrownBy(() -> Reachability.requireRegistry(registry("http://localhost:" + closedPort),
                Duration.ofSeconds(2)))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("Cannot reach the schema registry at http://localhost:" + closedPort);
    }

    @Test
    void shouldSayWhenTheBrokerIsUnreachable() throws Exception {
        int closedPort = closedPort();
        assertThatThrownBy(() -> Reachability.requireKafka(
                Map.of("bootstrap.servers", "localhost:" + closedPort), Duration.ofSeconds(2)))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("Cannot reach Kafka at localhost:" + closedPort)
                .hasMessageContaining("--bootstrap-servers");
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
