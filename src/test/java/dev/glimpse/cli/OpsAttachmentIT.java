package dev.glimpse.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glimpse.config.GlimpseConfig;
import dev.glimpse.config.InvalidConfigException;
import dev.glimpse.config.Setting;
import dev.glimpse.ops.Operations;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

/**
 * The ops server as {@code run} and {@code demo} attach it: the embedded default with the bundled
 * model; probes, metrics and the dashboard's feed answer, and everything closes with the runtime.
 */
class OpsAttachmentIT {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    private static GlimpseConfig embeddedConfig() {
        return GlimpseConfig.load(Map.of(
                Setting.EMBEDDED_HOST, "127.0.0.1",
                Setting.EMBEDDED_KAFKA_PORT, "0",
                Setting.EMBEDDED_REGISTRY_PORT, "0",
                Setting.PARTITIONS, "2",
                Setting.APPLICATION_ID, "ops-it-" + UUID.randomUUID().toString().substring(0, 8)), Map.of(), Map.of());
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void shouldServeProbesMetricsAndLiveAttentionFromARunningGlimpseAndStopWithIt() throws Exception {
        GlimpseRuntime runtime = GlimpseRuntime.create(embeddedConfig());
        int port;
        try {
            Operations ops = OpsAttachment.open(runtime, 0);
            port = ops.port();
            runtime.start(line -> { });
            OpsAttachment.connect(ops, runtime);

            HttpResponse<String> ready = get(port, "/health/ready");
            assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
            assertThat(ready.body()).contains(runtime.translator().info().name());
            assertThat(get(port, "/health/live").statusCode()).isEqualTo(200);

            String sentence = "the cat sat on the mat";
            try (KafkaProducer<byte[], byte[]> producer = runtime.clients().producer()) {
                producer.send(new ProducerRecord<>(runtime.config().topics().requests(), null,
                        sentence.getBytes(StandardCharsets.UTF_8))).get();
            }
            await().atMost(WAIT).until(() -> JSON.readTree(get(port, "/api/recent?q=cat").body()).size() == 1);
            JsonNode item = JSON.readTree(get(port, "/api/recent?q=cat").body()).get(0);
            assertThat(String.join("", JSON.convertValue(item.get("sourceTokens"), String[].class))).isEqualTo(sentence);
            assertThat(item.get("weights")).hasSize(item.get("targetTokens").size());
            assertThat(item.get("weights").get(0)).hasSize(sentence.length());
            assertThat(item.get("modelName").asText()).isEqualTo(runtime.translator().info().name());

            String metrics = get(port, "/metrics").body();
            assertThat(metrics)
                    .contains("glimpse_model_info{name=\"" + runtime.translator().info().name() + "\",version=\""
                            + runtime.translator().info().version() + "\"} 1")
                    .contains("glimpse_records_translated_total 1.0")
                    .contains("glimpse_inference_latency_seconds_bucket")
                    .contains("kafka_consumer_fetch_manager_records_lag_max")
                    .contains("jvm_memory_used_bytes");
        } finally {
            runtime.close();
        }
        assertThat(runtime.pipeline().state()).isEqualTo(KafkaStreams.State.NOT_RUNNING);
        assertThatThrownBy(() -> get(port, "/health/live")).isInstanceOf(ConnectException.class);
    }

    @Test
    void shouldStopGlimpseWithAClearMessageWhenTheHttpPortIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("0.0.0.0"))) {
            GlimpseRuntime runtime = GlimpseRuntime.create(embeddedConfig());
            try {
                assertThatThrownBy(() -> OpsAttachment.open(runtime, taken.getLocalPort()))
                        .isInstanceOf(InvalidConfigException.class)
                        .hasMessageContaining("HTTP port " + taken.getLocalPort() + " is in use")
                        .hasMessageContaining("--http-port");
                assertThatThrownBy(() -> runtime.start(line -> { }))
                        .as("closed before anything started: no model, broker or pipeline")
                        .isInstanceOf(IllegalStateException.class);
                assertThat(runtime.embeddedKafka()).isEmpty();
            } finally {
                runtime.close();
            }
        }
    }
}
