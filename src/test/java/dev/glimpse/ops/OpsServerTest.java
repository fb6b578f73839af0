package dev.glimpse.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glimpse.model.ModelInfo;
import io.micrometer.core.instrument.Timer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OpsServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicReference<KafkaStreams.State> streamsState = new AtomicReference<>(KafkaStreams.State.CREATED);
    private final AtomicReference<ModelInfo> model = new AtomicReference<>();
    private final AttentionFeed feed = new AttentionFeed(100);
    private OpsMetrics metrics;
    private OpsServer server;

    @BeforeEach
    void start() {
        metrics = new OpsMetrics();
        server = OpsServer.builder()
                .port(0)
                .host("127.0.0.1")
                .metrics(metrics)
                .feed(feed)
                .liveness("streams", KafkaStreamsHealth.liveness(streamsState::get))
                .readiness("streams", KafkaStreamsHealth.readiness(streamsState::get))
                .readiness("model", HealthCheck.modelLoaded(model::get))
                .start();
    }

    @AfterEach
    void stop() {
        server.close();
        metrics.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    @Test
    void shouldBindAFreePortWhenAskedForPortZero() {
        assertThat(server.port()).isPositive().isNotEqualTo(OpsServer.DEFAULT_PORT);
    }

    @Test
    void shouldBeLiveWhileStreamsIsStartingAndNotLiveAfterItFailed() throws Exception {
        assertThat(get("/health/live").statusCode()).isEqualTo(200);
        streamsState.set(KafkaStreams.State.ERROR);
        HttpResponse<String> dead = get("/health/live");
        assertThat(dead.statusCode()).isEqualTo(503);
        assertThat(JSON.readTree(dead.body()).at("/checks/streams/detail").asText()).contains("ERROR");
    }

    @Test
    void shouldBeReadyOnlyOnceStreamsRunsAndTheModelIsLoadedAndSayWhyNot() throws Exception {
        HttpResponse<String> starting = get("/health/ready");
        assertThat(starting.statusCode()).isEqualTo(503);
        assertThat(starting.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        JsonNode body = JSON.readTree(starting.body());
        assertThat(body.get("status").asText()).isEqualTo("DOWN");
        assertThat(body.at("/checks/streams/up").asBoolean()).isFalse();
        assertThat(body.at("/checks/streams/detail").asText()).contains("CREATED");
        assertThat(body.at("/checks/model/detail").asText()).isEqualTo("model not loaded");

        streamsState.set(KafkaStreams.State.RUNNING);
        assertThat(get("/health/ready").statusCode()).isEqualTo(503);

        model.set(new ModelInfo("reverse", "1.0"));
        HttpResponse<String> ready = get("/health/ready");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(ready.body()).get("status").asText()).isEqualTo("UP");

        streamsState.set(KafkaStreams.State.REBALANCING);
        assertThat(get("/health/ready").statusCode()).isEqualTo(200);
    }

    @Test
    void shouldExposeJvmModelAndGlimpseMetersAsPrometheusText() throws Exception {
        metrics.registerModel(new ModelInfo("reverse-words", "2024.1"));
        Timer latency = Timer.builder("glimpse.inference.latency").publishPercentileHistogram().register(metrics.registry());
        latency.record(Duration.ofMillis(3));
        metrics.registry().counter("glimpse.dlq.records", "reason", "empty value").increment();

        HttpResponse<String> response = get("/metrics");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
        assertThat(response.body())
                .contains("glimpse_model_info{name=\"reverse-words\",version=\"2024.1\"} 1")
                .contains("glimpse_inference_latency_seconds_bucket{")
                .contains("glimpse_inference_latency_seconds_count 1")
                .contains("glimpse_dlq_records_total{reason=\"empty value\"} 1")
                .contains("jvm_memory_used_bytes")
                .contains("process_uptime_seconds");
    }

    @Test
    void shouldServeTheDashboardFromTheJarWithAStrictContentSecurityPolicy() throws Exception {
        HttpResponse<String> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<title>Glimpse").contains("src=\"app.js\"").doesNotContain("http://").doesNotContain("https://");
        assertThat(page.headers().firstValue("content-security-policy"))
                .hasValueSatisfying(csp -> assertThat(csp).contains("script-src 'self'").doesNotContain("unsafe-inline"));
        for (String asset : List.of("/app.js", "/style.css")) {
            HttpResponse<String> response = get(asset);
            assertThat(response.statusCode()).as(asset).isEqualTo(200);
            assertThat(response.body()).as(asset).doesNotContain("http://").doesNotContain("https://");
        }
        assertThat(get("/app.js").body()).as("user text never goes through innerHTML").doesNotContain("innerHTML");
    }

    @Test
    void shouldListRecentAttentionMapsNewestFirstWithAFilter() throws Exception {
        feed.publish(TestViews.reversed("req-1", "cat"));
        feed.publish(TestViews.reversed("req-2", "dog"));

        JsonNode all = JSON.readTree(get("/api/recent").body());
        assertThat(all).hasSize(2);
        assertThat(all.get(0).get("id").asText()).isEqualTo("req-2");
        assertThat(all.get(0).get("sourceTokens")).hasSize(3);
        assertThat(all.get(0).at("/weights/0/2").floatValue()).isEqualTo(0.9f);

        JsonNode filtered = JSON.readTree(get("/api/recent?q=cat").body());
        assertThat(filtered).hasSize(1);
        assertThat(filtered.get(0).get("id").asText()).isEqualTo("req-1");

        assertThat(get("/api/recent?limit=many").statusCode()).isEqualTo(400);
    }

    @Test
    void shouldReportTheSummary() throws Exception {
        feed.publish(TestViews.reversed("req-1", "cat"));
        feed.deadLetter("empty value");
        JsonNode summary = JSON.readTree(get("/api/summary").body());
        assertThat(summary.get("translations").asLong()).isEqualTo(1);
        assertThat(summary.get("deadLetters").asLong()).isEqualTo(1);
        assertThat(summary.get("meanEntropy").asDouble()).isEqualTo(0.5);
    }

    @Test
    void shouldPushEachNewAttentionMapToServerSentEventClients() throws Exception {
        HttpResponse<java.io.InputStream> response = http.send(
                HttpRequest.newBuilder(uri("/api/stream")).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (java.io.IOException closed) {
                lines.add("closed: " + closed);
            }
        });
        reader.setDaemon(true);
        reader.start();

        await().atMost(Duration.ofSeconds(10)).until(() -> feed.subscriberCount() == 1);
        feed.publish(TestViews.reversed("live-1", "<b>x</b>"));

        await().atMost(Duration.ofSeconds(10)).until(() -> lines.contains("event: attention"));
        await().atMost(Duration.ofSeconds(10)).until(() -> lines.stream().anyMatch(l -> l.startsWith("data: ")));
        String data = lines.stream().filter(l -> l.startsWith("data: ")).findFirst().orElseThrow().substring(6);
        JsonNode event = JSON.readTree(data);
        assertThat(event.get("id").asText()).isEqualTo("live-1");
        assertThat(String.join("", JSON.convertValue(event.get("sourceTokens"), String[].class))).isEqualTo("<b>x</b>");
        response.body().close();
    }
}
