package dev.glimpse.ops;

import dev.glimpse.model.ModelInfo;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The one meter registry of a Glimpse process, scraped as Prometheus text at {@code /metrics}.
 *
 * <p>Holds JVM and process meters from the start; the pipeline adds its own meters
 * ({@code glimpse.*}) to {@link #registry()}, and {@link #bindKafkaStreams} adds the Kafka Streams
 * client metrics once the Streams instance exists.
 */
public final class OpsMetrics implements AutoCloseable {

    /** Prometheus name {@code glimpse_model_info}; value 1, identity in the labels (info-metric idiom). */
    public static final String MODEL_INFO = "glimpse.model.info";

    private final PrometheusMeterRegistry registry;
    private final List<AutoCloseable> binders = new ArrayList<>();

    /** A new registry with the JVM and process meters. */
    public OpsMetrics() {
        this(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    }

    /** Adds the JVM and process meters to an existing registry (the one the pipeline records on). */
    public OpsMetrics(PrometheusMeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);
        binders.add(gc);
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Publishes {@code glimpse_model_info{name,version} 1}. */
    public void registerModel(ModelInfo model) {
        Gauge.builder(MODEL_INFO, () -> 1)
                .description("The model bundle this instance serves; the value is always 1")
                .tags(Tags.of("name", model.name(), "version", model.version()))
                .register(registry);
    }

    /** Exposes the Kafka Streams client metrics (and those of its embedded clients). */
    public void bindKafkaStreams(KafkaStreams streams) {
        KafkaStreamsMetrics metrics = new KafkaStreamsMetrics(streams);
        metrics.bindTo(registry);
        synchronized (binders) {
            binders.add(metrics);
        }
    }

    /** The scrape body, Prometheus text exposition format 0.0.4. */
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        synchronized (binders) {
            for (int i = binders.size() - 1; i >= 0; i--) {
                try {
                    binders.get(i).close();
                } catch (Exception e) {
                    throw new IllegalStateException("closing metrics binder " + binders.get(i), e);
                }
            }
            binders.clear();
        }
        registry.close();
    }
}
