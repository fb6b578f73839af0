package dev.glimpse.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glimpse.schema.AttentionMap;
import dev.glimpse.schema.Translation;
import dev.glimpse.schema.TranslationRequest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Many serializer instances sharing one client, started together: one registration per schema reaches the registry. */
class ConcurrentRegistrationTest {

    private static final int THREADS = 24;

    private EmbeddedSchemaRegistry registry;
    private ExecutorService pool;

    @BeforeEach
    void start() {
        registry = EmbeddedSchemaRegistry.start("127.0.0.1", 0);
        pool = Executors.newFixedThreadPool(THREADS);
    }

    @AfterEach
    void stop() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(10, TimeUnit.SECONDS);
        registry.close();
    }

    @Test
    void shouldRegisterEachSchemaOnceWhenManyThreadsSerializeAtOnce() throws Exception {
        RegistrySettings settings = RegistrySettings.of(registry.url());
        HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(settings);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<int[]>> results = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            Callable<int[]> task = () -> {
                AvroSerializer<TranslationRequest> requests = new AvroSerializer<>(TranslationRequest.class, client, settings, false);
                AvroSerializer<Translation> translations = new AvroSerializer<>(Translation.class, client, settings, false);
                AvroSerializer<AttentionMap> attention = new AvroSerializer<>(AttentionMap.class, client, settings, false);
                go.await();
                int[] ids = new int[3];
                for (int i = 0; i < 20; i++) {
                    ids[0] = WireFormat.schemaId(requests.serialize("requests", SampleRecords.request()));
                    ids[1] = WireFormat.schemaId(translations.serialize("translations", SampleRecords.translation()));
                    ids[2] = WireFormat.schemaId(attention.serialize("attention", SampleRecords.attention(3, 4)));
                }
                return ids;
            };
            results.add(pool.submit(task));
        }

        go.countDown();

        Set<List<Integer>> distinct = new HashSet<>();
        for (Future<int[]> result : results) {
            int[] ids = result.get(60, TimeUnit.SECONDS);
            distinct.add(List.of(ids[0], ids[1], ids[2]));
        }
        assertThat(distinct).hasSize(1);
        assertThat(registry.registrationRequestCount()).isEqualTo(3);
        assertThat(client.httpCallCount()).isEqualTo(3);
    }

    @Test
    void shouldDeserializeCorrectlyFromManyThreadsSharingOneDeserializer() throws Exception {
        RegistrySettings settings = RegistrySettings.of(registry.url());
        AttentionMap expected = SampleRecords.attention(7, 9);
        byte[] bytes = new AvroSerializer<>(AttentionMap.class, new HttpSchemaRegistryClient(settings), settings, false)
                .serialize("attention", expected);
        HttpSchemaRegistryClient readerClient = new HttpSchemaRegistryClient(settings);
        AvroDeserializer<AttentionMap> shared = new AvroDeserializer<>(AttentionMap.class, readerClient);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            results.add(pool.submit(() -> {
                go.await();
                boolean allEqual = true;
                for (int i = 0; i < 200; i++) {
                    allEqual &= expected.equals(shared.deserialize("attention", bytes));
                }
                return allEqual;
            }));
        }

        go.countDown();

        for (Future<Boolean> result : results) {
            assertThat(result.get(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(readerClient.httpCallCount()).as("one schema fetch for all threads").isEqualTo(1);
    }
}
