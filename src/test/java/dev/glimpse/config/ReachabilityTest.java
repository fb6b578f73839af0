package dev.glimpse.config;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

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

    @Test
    void shouldAcceptARegistryThatAnswers() {
        assertThatCode(() -> Reachability.requireRegistry(registryUrl(), Optional.of(new Secret("user:right")),
                Duration.ofSeconds(5))).doesNotThrowAnyException();
    }

    @Test
    void shouldSayWhenTheRegistryRefusesTheCredentials() {
        assertThatThrownBy(() -> Reachability.requireRegistry(registryUrl(), Optional.of(new Secret("user:wrong")),
                Duration.ofSeconds(5)))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("refused the credentials")
                .hasMessageNotContaining("wrong");
    }

    @Test
    void shouldSayWhenTheRegistryIsUnreachable() throws Exception {
        int closedPort = closedPort();
        assertThatThrownBy(() -> Reachability.requireRegistry("http://localhost:" + closedPort, Optional.empty(),
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
