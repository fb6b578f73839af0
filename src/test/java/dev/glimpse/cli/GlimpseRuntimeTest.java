package dev.glimpse.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glimpse.config.GlimpseConfig;
import dev.glimpse.config.Setting;
import dev.glimpse.model.ModelInfo;
import dev.glimpse.model.TranslationResult;
import dev.glimpse.model.Translator;
import dev.glimpse.stream.FakeTranslator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Start-up as {@code run} and {@code demo} go through it, with the model loader held at a latch so
 * that the test decides when start-up moves on: probes answer while it is in progress, and a close
 * from another thread (a shutdown hook) leaves nothing running. No broker is started.
 */
class GlimpseRuntimeTest {

    private final CountDownLatch loading = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicBoolean modelClosed = new AtomicBoolean();
    private final GlimpseRuntime runtime = GlimpseRuntime.create(GlimpseConfig.load(Map.of(
            Setting.EMBEDDED_HOST, "127.0.0.1",
            Setting.EMBEDDED_KAFKA_PORT, "0",
            Setting.EMBEDDED_REGISTRY_PORT, "0"), Map.of(), Map.of()));

    @AfterEach
    void tearDown() {
        release.countDown();
        runtime.close();
    }

    private Translator heldModel(GlimpseConfig config) {
        loading.countDown();
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        FakeTranslator model = new FakeTranslator();
        return new Translator() {
            @Override
            public ModelInfo info() {
                return model.info();
            }

            @Override
            public TranslationResult translate(String text) {
                return model.translate(text);
            }

            @Override
            public List<TranslationResult> translate(List<String> texts) {
                return model.translate(texts);
            }

            @Override
            public void close() {
                modelClosed.set(true);
            }
        };
    }

    private CompletableFuture<GlimpseRuntime> startInBackground() {
        return CompletableFuture.supplyAsync(() -> runtime.start(line -> { }, this::heldModel));
    }

    @Test
    void shouldAnswerProbesAsNotReadyWhileStarting() throws Exception {
        int port = OpsAttachment.open(runtime, 0).port();
        CompletableFuture<GlimpseRuntime> start = startInBackground();
        assertThat(loading.await(30, TimeUnit.SECONDS)).isTrue();

        HttpResponse<String> ready = get(port, "/health/ready");
        HttpResponse<String> live = get(port, "/health/live");

        assertThat(ready.statusCode()).isEqualTo(503);
        JsonNode checks = new ObjectMapper().readTree(ready.body());
        assertThat(checks.toString()).contains("model not loaded").contains("CREATED");
        assertThat(live.statusCode()).as("a slow start is not a reason to restart").isEqualTo(200);
        assertThat(runtime.streamsState()).isEqualTo(KafkaStreams.State.CREATED);
        assertThat(runtime.loadedModel()).isNull();

        closeWhileTheModelLoads();
        assertThatThrownBy(start::join).hasCauseInstanceOf(GlimpseRuntime.StartCancelledException.class);
        assertThatThrownBy(() -> get(port, "/health/live")).as("the ops server closed with the runtime")
                .isInstanceOf(java.net.ConnectException.class);
    }

    @Test
    void shouldCloseWhatTheStepInProgressMadeWhenClosedFromAnotherThreadDuringStartUp() throws Exception {
        CompletableFuture<GlimpseRuntime> start = startInBackground();
        assertThat(loading.await(30, TimeUnit.SECONDS)).isTrue();

        closeWhileTheModelLoads();

        assertThatThrownBy(start::join).hasCauseInstanceOf(GlimpseRuntime.StartCancelledException.class)
                .hasMessageContaining("stopped while starting");
        assertThat(modelClosed).as("the model loaded after the close was closed").isTrue();
        assertThat(runtime.embeddedKafka()).as("no broker started after the close").isEmpty();
        assertThat(runtime.pipeline()).isNull();
    }

    @Test
    void shouldCloseWhatStartedWhenStartUpFailsWithAnError() throws Exception {
        // What Kafka's static initialisers throw when the JVM is already shutting down.
        int port = OpsAttachment.open(runtime, 0).port();
        ExceptionInInitializerError error = new ExceptionInInitializerError(new IllegalStateException("Shutdown in progress"));

        assertThatThrownBy(() -> runtime.start(line -> { }, config -> {
            throw error;
        })).isSameAs(error);
        assertThat(runtime.isClosed()).isTrue();
        assertThatThrownBy(() -> get(port, "/health/live")).isInstanceOf(java.net.ConnectException.class);
    }

    @Test
    void shouldStartOnlyOnce() {
        runtime.close();

        assertThatThrownBy(() -> runtime.start(line -> { }, this::heldModel))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not after close");
        assertThat(loading.getCount()).as("the model was not loaded").isEqualTo(1);
    }

    /** Closes from another thread (as a shutdown hook would), then lets the model loader return. */
    private void closeWhileTheModelLoads() throws Exception {
        CompletableFuture<Void> close = CompletableFuture.runAsync(runtime::close);
        await().atMost(Duration.ofSeconds(30)).until(runtime::isClosed);
        assertThat(close).as("the close waits for the step in progress").isNotDone();
        release.countDown();
        close.get(30, TimeUnit.SECONDS);
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
