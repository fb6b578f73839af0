package dev.glimpse.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.glimpse.config.OutputFormat;
import dev.glimpse.config.TopicNames;
import dev.glimpse.embedded.EmbeddedKafka;
import dev.glimpse.registry.EmbeddedSchemaRegistry;
import dev.glimpse.registry.HttpSchemaRegistryClient;
import dev.glimpse.registry.RegistrySettings;
import dev.glimpse.schema.AttentionMap;
import dev.glimpse.stream.GlimpseSerdes;
import dev.glimpse.stream.Pipeline;
import dev.glimpse.stream.PipelineMetrics;
import dev.glimpse.stream.PipelineSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The dashboard in headless Chromium against the real pipeline on the embedded broker and
 * registry (Avro output): sentences sent to the requests topic appear with a heatmap whose size
 * and weights are those of the AttentionMap on the attention topic; markup in a sentence shows as
 * text; dead letters are counted; the probes and metrics answer as in production.
 */
class DashboardPipelineIT {

    private static final Duration WAIT = Duration.ofSeconds(90);

    private static HeadlessChromium browser;
    private static EmbeddedKafka kafka;
    private static EmbeddedSchemaRegistry registry;
    private static Pipeline pipeline;
    private static Operations ops;
    private static TopicNames topics;
    private static Map<String, Object> clientProps;
    private static GlimpseSerdes serdes;
    private static final AtomicReference<Pipeline> running = new AtomicReference<>();

    @BeforeAll
    static void startAll() throws Exception {
        browser = HeadlessChromium.startOrSkip();
        kafka = EmbeddedKafka.start("127.0.0.1", 0);
        registry = EmbeddedSchemaRegistry.start("127.0.0.1", 0);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        topics = new TopicNames("req-" + suffix, "tr-" + suffix, "att-" + suffix, "dlq-" + suffix);
        clientProps = Map.of("bootstrap.servers", kafka.bootstrapServers());
        RegistrySettings registrySettings = RegistrySettings.of(registry.url());
        serdes = GlimpseSerdes.of(OutputFormat.AVRO, new HttpSchemaRegistryClient(registrySettings), registrySettings);

        OpsMetrics metrics = new OpsMetrics();
        ReversingTranslator translator = new ReversingTranslator();
        ops = Operations.start(0, metrics,
                () -> running.get() == null ? KafkaStreams.State.CREATED : running.get().state(),
                () -> running.get() == null ? null : translator.info());
        PipelineSettings settings = PipelineSettings.defaults()
                .withApplicationId("dashboard-it-" + suffix)
                .withTopics(topics)
                .withPartitions(2, (short) 1);
        pipeline = Pipeline.start(settings, clientProps, serdes, translator, new PipelineMetrics(metrics.registry()));
        pipeline.awaitRunning(WAIT);
        running.set(pipeline);
        metrics.bindKafkaStreams(pipeline.streams());
        metrics.registerModel(translator.info());
        ops.followAttention(clientProps, topics, serdes.attention().deserializer());
    }

    @AfterAll
    static void stopAll() throws Exception {
        if (browser != null) browser.close();
        if (ops != null) ops.close();
        if (pipeline != null) pipeline.close();
        if (registry != null) registry.close();
        if (kafka != null) kafka.close();
    }

    private static void send(String key, byte[] value) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topics.requests(), key, value));
        }
    }

    private static void sendJson(String id, String text) throws Exception {
        String json = RepoFiles.JSON.writeValueAsString(Map.of("id", id, "text", text));
        send(id, json.getBytes(StandardCharsets.UTF_8));
    }

    /** The attention maps as the pipeline committed them, read independently of the dashboard. */
    private static Map<String, AttentionMap> readAttention(List<String> ids) {
        Map<String, AttentionMap> found = new ConcurrentHashMap<>();
        Map<String, Object> props = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "dashboard-it-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, AttentionMap> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), serdes.attention().deserializer())) {
            consumer.subscribe(List.of(topics.attention()));
            await().atMost(WAIT).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> found.put(r.value().getRequestId(), r.value()));
                return found.keySet().containsAll(ids);
            });
        }
        return found;
    }

    private void openDashboard() {
        browser.driver.get("http://127.0.0.1:" + ops.port() + "/");
        await().atMost(WAIT).until(() -> "true".equals(
                browser.driver.findElement(By.tagName("body")).getDomAttribute("data-ready")));
    }

    private WebElement listItem(String id) {
        return browser.driver.findElement(By.cssSelector("#recent li[data-id='" + id + "']"));
    }

    private void awaitListed(String id) {
        await().atMost(WAIT).until(() -> !browser.driver.findElements(By.cssSelector("#recent li[data-id='" + id + "']")).isEmpty());
    }

    @Test
    void shouldShowSentencesSentThroughThePipelineWithTheAttentionMapTheyProduced() throws Exception {
        openDashboard();
        List<String> ids = List.of("it-cat", "it-glimpse", "it-unicode");
        sendJson("it-cat", "the cat sat on the mat");
        sendJson("it-glimpse", "attention is a glimpse");
        sendJson("it-unicode", "naïve café");
        Map<String, AttentionMap> maps = readAttention(ids);

        for (String id : ids) {
            awaitListed(id);
        }
        for (String id : ids) {
            listItem(id).click();
            await().atMost(WAIT).until(() -> id.equals(browser.driver.findElement(By.id("heatmap")).getDomAttribute("data-id")));
            AttentionMap map = maps.get(id);
            assertThat(browser.driver.findElement(By.id("sel-source")).getText()).isEqualTo(String.join("", map.getSourceTokens()));
            assertThat(browser.driver.findElement(By.id("sel-target")).getText()).isEqualTo(String.join("", map.getTargetTokens()));
            assertHeatmapEquals(map);
        }
        assertThat(browser.driver.findElement(By.id("sel-target")).getText()).isEqualTo("evïan éfac");
        listItem("it-cat").click();
        await().atMost(WAIT).until(() -> browser.driver.findElement(By.id("sel-target")).getText().equals("eht tac tas no eht tam"));
        browser.screenshot("dashboard-pipeline");

        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ops.port() + "/health/ready")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
        String scrape = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ops.port() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(scrape).contains("glimpse_model_info{name=\"test-reverser\",version=\"0.0.1\"} 1")
                .contains("kafka_stream_client_state").contains("glimpse_inference_latency_seconds_bucket");
        assertThat(scrape.lines().filter(l -> l.startsWith("glimpse_records_translated_total")).findFirst().orElseThrow())
                .satisfies(line -> assertThat(Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).isGreaterThanOrEqualTo(3));
    }

    @Test
    void shouldShowMarkupSentThroughThePipelineAsTextWithoutRunningIt() throws Exception {
        openDashboard();
        String title = browser.driver.getTitle();
        String img = "<img src=x onerror=window.glimpsePwned=1>";
        String script = "<script>window.glimpsePwned=2;document.title='pwned'</script>";
        sendJson("it-img", img);
        send("it-script", script.getBytes(StandardCharsets.UTF_8)); // plain text input
        awaitListed("it-img");
        await().atMost(WAIT).until(() -> browser.driver.findElements(By.cssSelector("#recent li .rtext")).stream()
                .anyMatch(e -> e.getText().startsWith(script)));

        listItem("it-img").click();
        await().atMost(WAIT).until(() -> browser.driver.findElement(By.id("sel-source")).getText().equals(img));
        assertThat(browser.driver.findElement(By.id("sel-target")).getText()).isEqualTo("gmi< x=crs >1=denwPespmilg.wodniw=rorreno");
        assertThat(browser.driver.executeScript("return window.glimpsePwned === undefined")).isEqualTo(true);
        assertThat(browser.driver.getTitle()).isEqualTo(title);
        assertThat(browser.driver.findElements(By.cssSelector("body img"))).isEmpty();
        assertThat(browser.driver.findElements(By.tagName("script"))).hasSize(1);
        browser.screenshot("dashboard-pipeline-markup");
    }

    @Test
    void shouldCountDeadLettersInTheSummary() throws Exception {
        openDashboard();
        long before = ops.feed().summary().deadLetters();
        send("it-empty", new byte[0]);
        await().atMost(WAIT).until(() -> ops.feed().summary().deadLetters() == before + 1);
        assertThat(ops.feed().summary().deadLettersByReason()).containsKey("empty");
        await().atMost(WAIT).until(() ->
                browser.driver.findElement(By.id("stat-dlq")).getText().equals(String.valueOf(before + 1)));
    }

    /** Rows × columns = output × input characters; each cell's weight is the AttentionMap's. */
    private void assertHeatmapEquals(AttentionMap map) {
        List<WebElement> rows = browser.driver.findElements(By.cssSelector("#heatmap tbody tr"));
        assertThat(rows).hasSize(map.getTargetTokens().size());
        assertThat(browser.driver.findElements(By.cssSelector("#heatmap thead th.col"))).hasSize(map.getSourceTokens().size());
        // One round trip for all cells: per-cell WebDriver calls would take minutes on a busy machine.
        @SuppressWarnings("unchecked")
        List<List<Object>> cells = (List<List<Object>>) browser.driver.executeScript(
                "return Array.from(document.querySelectorAll('#heatmap tbody tr')).map(tr =>"
                        + " Array.from(tr.querySelectorAll('td')).map(td => [td.dataset.weight, td.title]));");
        for (int r = 0; r < rows.size(); r++) {
            assertThat(cells.get(r)).hasSize(map.getSourceTokens().size());
            for (int c = 0; c < cells.get(r).size(); c++) {
                @SuppressWarnings("unchecked")
                List<String> cell = (List<String>) cells.get(r).get(c);
                float expected = map.getWeights().get(r).get(c);
                assertThat(Float.parseFloat(cell.get(0))).as("weight [%d][%d]", r, c).isEqualTo(expected);
                assertThat(cell.get(1)).endsWith(String.format(Locale.ROOT, ": %.4f", expected));
            }
        }
    }
}
