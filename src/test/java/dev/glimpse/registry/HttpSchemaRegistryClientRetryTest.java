package dev.glimpse.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which answers the client retries (connection errors, 408, 429, 5xx), which it does not, and what it reports. */
class HttpSchemaRegistryClientRetryTest {

    private static final Schema SCHEMA = new Schema.Parser().parse(
            "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"}]}");

    private final ScriptedHttpServer server;

    HttpSchemaRegistryClientRetryTest() throws IOException {
        server = new ScriptedHttpServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static RegistrySettings.Builder fastRetries(String url) {
        return RegistrySettings.builder().url(url).maxRetries(3).retryBackoff(Duration.ofMillis(1), Duration.ofMillis(5));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {408, 429, 500, 502, 503, 504})
    void shouldRetryTransientStatusesUntilSuccess(int status) {
        server.then(status, "{\"error_code\":" + status + ",\"message\":\"busy\"}")
                .then(status, "")
                .then(200, "{\"id\":7}");
        HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(fastRetries(server.url()).build());

        assertThat(client.register("s", SCHEMA)).isEqualTo(7);
        assertThat(client.httpCallCount()).isEqualTo(3);
        assertThat(server.received()).hasSize(3);
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404, 409, 415, 422})
    void shouldNotRetryOtherClientErrorsAndReportTheConfluentErrorCode(int status) {
        int errorCode = status == 404 ? 40401 : status == 422 ? 42201 : status;
        server.then(status, "{\"error_code\":" + errorCode + ",\"message\":\"nope " + status + "\"}");
        HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(fastRetries(server.url()).build());

        assertThatThrownBy(() -> client.register("s", SCHEMA))
                .isInstanceOfSatisfying(RegistryException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(status);
                    assertThat(e.errorCode()).isEqualTo(errorCode);
                    assertThat(e.isRetriable()).isFalse();
                })
                .hasMessageContaining("nope " + status);
        assertThat(server.received()).hasSize(1);
    }

    @Test
    void shouldGiveUpAfterMaxRetriesWithTheLastError() {
        for (int i = 0; i < 4; i++) {
            server.then(503, "{\"error_code\":50003,\"message\":\"forwarding failed\"}");
        }
        HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(fastRetries(server.url()).build());

        assertThatThrownBy(() -> client.schemaById(1))
                .isInstanceOfSatisfying(RegistryException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(503);
                    assertThat(e.errorCode()).isEqualTo(50003);
                })
                .hasMessageContaining("failed after 4 attempts")
                .hasMessageContaining("forwarding failed");
        assertThat(server.received()).hasSize(4);
    }

    @Test
    void shouldKeepANonJsonErrorBodyAsTheMessage() {
        server.then(418, "<html>teapot</html>");
        HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(fastRetries(server.url()).build());

        assertThatThrownBy(() -> client.subjects())
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(418))
                .hasMessageContaining("<html>teapot</html>");
    }

    @Test
    void shouldRetryConnectionRefusedThenFailClearly() throws IOException {
        String dead = "http://127.0.0.1:" + freePort();
        HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(fastRetries(dead).build());

        assertThatThrownBy(() -> client.schemaById(1))
                .isInstanceOfSatisfying(RegistryException.class,
                        e -> assertThat(e.httpStatus()).isEqualTo(RegistryException.NO_RESPONSE))
                .hasMessageContaining("cannot reach schema registry at " + dead)
                .hasMessageContaining("failed after 4 attempts");
        assertThat(client.httpCallCount()).isEqualTo(4);
    }

    @Test
    void shouldFailOverToTheNextUrlAndStayThere() throws IOException {
        String dead = "http://127.0.0.1:" + freePort();
        server.then(200, "[\"a\"]").then(200, "[\"b\"]");
        HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(fastRetries(dead + "," + server.url()).build());

        assertThat(client.subjects()).containsExactly("a");
        assertThat(client.httpCallCount()).isEqualTo(2);
        assertThat(client.subjects()).containsExactly("b");
        assertThat(client.httpCallCount()).isEqualTo(3);
    }

    @Test
    void shouldSendConfluentHeadersAndBody() {
        server.then(200, "{\"id\":3}");
        HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(fastRetries(server.url()).build());

        client.register("topic-value", SCHEMA);

        ScriptedHttpServer.Received request = server.received().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/subjects/topic-value/versions");
        assertThat(request.headers().get("Content-type")).containsExactly("application/vnd.schemaregistry.v1+json");
        assertThat(request.headers().get("Accept").get(0)).startsWith("application/vnd.schemaregistry.v1+json");
        assertThat(request.body()).isEqualTo("{\"schema\":" + com.fasterxml.jackson.databind.node.TextNode.valueOf(
                SCHEMA.toString()) + "}");
        assertThat(request.headers()).doesNotContainKey("Authorization");
    }

    @Test
    void shouldEncodeSubjectsInPaths() {
        server.then(200, "[1]");
        HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(fastRetries(server.url()).build());

        client.versions("a b/c");

        assertThat(server.received().get(0).path()).isEqualTo("/subjects/a%20b%2Fc/versions");
    }

    @Test
    void shouldSendBasicAuthCredentials() {
        server.then(200, "[]");
        HttpSchemaRegistryClient client =
                new HttpSchemaRegistryClient(fastRetries(server.url()).basicAuth("glimpse", "s3cret").build());

        client.subjects();

        assertThat(server.received().get(0).headers().get("Authorization"))
                .containsExactly("Basic Z2xpbXBzZTpzM2NyZXQ=");
    }
}
