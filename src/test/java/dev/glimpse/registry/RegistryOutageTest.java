package dev.glimpse.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.glimpse.schema.Translation;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The registry goes away (stopped on its port) and comes back (restarted on the same port, same schemas). */
class RegistryOutageTest extends WithEmbeddedRegistry {


    private RegistrySettings settings(int maxRetries, Duration base, Duration max) {
        return RegistrySettings.builder().url(registry.url()).maxRetries(maxRetries).retryBackoff(base, max).build();
    }

    @Test
    void shouldRetryThenFailClearlyThenRecoverWhenTheRegistryReturns() {
        RegistrySettings settings = settings(3, Duration.ofMillis(1), Duration.ofMillis(10));
        HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(settings);
        AvroSerializer<Translation> serializer = new AvroSerializer<>(Translation.class, client, settings, false);
        registry.stop();

        assertThatThrownBy(() -> serializer.serialize("t", SampleRecords.translation()))
                .isInstanceOfSatisfying(RegistryException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(RegistryException.NO_RESPONSE);
                    assertThat(e.isRetriable()).isTrue();
                })
                .hasMessageContaining("failed after 4 attempts")
                .hasMessageContaining("cannot reach schema registry at " + registry.url());
        assertThat(client.httpCallCount()).isEqualTo(4);

        registry.restart();

        byte[] bytes = serializer.serialize("t", SampleRecords.translation());
        assertThat(new AvroDeserializer<>(Translation.class, client).deserialize("t", bytes))
                .isEqualTo(SampleRecords.translation());
        assertThat(registry.registrationRequestCount()).isEqualTo(1);
    }

    @Test
    void shouldRideOutAnOutageWhileRetrying() {
        RegistrySettings settings = settings(200, Duration.ofMillis(10), Duration.ofMillis(50));
        HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(settings);
        AvroSerializer<Translation> serializer = new AvroSerializer<>(Translation.class, client, settings, false);
        registry.stop();

        CompletableFuture<byte[]> serialized =
                CompletableFuture.supplyAsync(() -> serializer.serialize("t", SampleRecords.translation()));
        await().atMost(Duration.ofSeconds(30)).until(() -> client.httpCallCount() >= 3);
        assertThat(serialized).isNotDone();

        registry.restart();

        await().atMost(Duration.ofSeconds(30)).until(serialized::isDone);
        assertThat(WireFormat.schemaId(serialized.join())).isEqualTo(1);
        assertThat(registry.registrationRequestCount()).isEqualTo(1);
    }

    @Test
    void shouldReadOldRecordsAgainOnceTheRegistryIsBack() {
        RegistrySettings settings = settings(1, Duration.ofMillis(1), Duration.ofMillis(5));
        byte[] bytes = new AvroSerializer<>(Translation.class, new HttpSchemaRegistryClient(settings), settings, false)
                .serialize("t", SampleRecords.translation());
        AvroDeserializer<Translation> coldReader =
                new AvroDeserializer<>(Translation.class, new HttpSchemaRegistryClient(settings));
        registry.stop();

        assertThatThrownBy(() -> coldReader.deserialize("t", bytes)).isInstanceOf(RegistryException.class);

        registry.restart();

        assertThat(coldReader.deserialize("t", bytes)).isEqualTo(SampleRecords.translation());
    }
}
