package dev.glimpse.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glimpse.model.ModelInfo;
import dev.glimpse.stream.PipelineMetrics;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

/**
 * What /metrics exports once the pipeline's meters and a Kafka Streams client are bound, checked
 * against what the Grafana dashboard (docker/grafana) queries.
 */
class ExportedMetricsTest {

    /** A Streams client that is built (its consumers and producers exist) but never started. */
    private static KafkaStreams unstartedStreams() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in").to("out");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "metrics-test-" + System.nanoTime());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1");
        return new KafkaStreams(builder.build(), props);
    }

    private static String scrapeWithEverythingBound() {
        try (OpsMetrics metrics = new OpsMetrics(); KafkaStreams streams = unstartedStreams()) {
            new PipelineMetrics(metrics.registry());
            metrics.registerModel(new ModelInfo("wordrev", "1"));
            metrics.bindKafkaStreams(streams);
            return metrics.scrape();
        }
    }

    private static Set<String> exportedNames(String scrape) {
        Set<String> names = new TreeSet<>();
        scrape.lines().filter(l -> !l.startsWith("#") && !l.isBlank())
                .forEach(l -> names.add(l.split("[{ ]", 2)[0]));
        return names;
    }

    @Test
    void shouldExportEveryMetricTheGrafanaDashboardQueries() throws Exception {
        Set<String> exported = exportedNames(scrapeWithEverythingBound());
        Set<String> queried = DockerFilesTest.dashboardMetrics();
        assertThat(queried).isNotEmpty();
        assertThat(exported).as("metrics the Grafana dashboard queries").containsAll(queried);
    }

    @Test
    void shouldExportGlimpseKafkaStreamsAndModelMetrics() {
        String scrape = scrapeWithEverythingBound();
        assertThat(scrape).contains("glimpse_model_info{name=\"wordrev\",version=\"1\"} 1");
        assertThat(exportedNames(scrape)).contains(
                "glimpse_inference_latency_seconds_bucket", "glimpse_records_translated_total",
                "glimpse_decode_steps_total", "glimpse_characters_total", "glimpse_batch_size_count",
                "glimpse_dlq_records_total", "kafka_stream_client_state", "kafka_consumer_fetch_manager_records_lag_max",
                "jvm_memory_used_bytes");
    }
}
