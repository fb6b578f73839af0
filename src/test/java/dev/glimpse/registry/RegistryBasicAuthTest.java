package dev.glimpse.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glimpse.schema.Translation;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The embedded registry can require basic auth; the client sends the configured credentials. */
class RegistryBasicAuthTest {

    private EmbeddedSchemaRegistry registry;

    @BeforeEach
    void start() {
        registry = EmbeddedSchemaRegistry.builder().basicAuth("glimpse", "s3cret").start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    @Test
    void shouldRoundTripWithTheRightCredentials() {
        RegistrySettings settings = RegistrySettings.builder().url(registry.url()).basicAuth("glimpse", "s3cret").build();
        HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(settings);
        AvroSerde<Translation> serde = AvroSerde.forType(Translation.class, client, settings, false);

        byte[] bytes = serde.serializer().serialize("t", SampleRecords.translation());

        assertThat(AvroSerde.forType(Translation.class, new HttpSchemaRegistryClient(settings), settings, false)
                .deserializer().deserialize("t", bytes)).isEqualTo(SampleRecords.translation());
    }

    @Test
    void shouldFailAtOnceWith401OnWrongOrMissingCredentials() {
        for (RegistrySettings settings : new RegistrySettings[] {
                RegistrySettings.builder().url(registry.url()).basicAuth("glimpse", "wrong").build(),
                RegistrySettings.of(registry.url())}) {
            HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(settings);
            assertThatThrownBy(client::subjects)
                    .isInstanceOfSatisfying(RegistryException.class, e -> {
                        assertThat(e.httpStatus()).isEqualTo(401);
                        assertThat(e.errorCode()).isEqualTo(401);
                    });
            assertThat(client.httpCallCount()).as("401 is not retried").isEqualTo(1);
        }
    }

    @Test
    void shouldChallengeAnonymousRequests() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(registry.url() + "/subjects")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
        assertThat(response.body()).contains("\"error_code\":401");
    }
}
