package dev.glimpse.stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Glimpse's own meters, on a registry the caller owns (Prometheus in production, a
 * {@code SimpleMeterRegistry} in tests). Dotted names; Prometheus renders them as
 * {@code glimpse_...}. Every DLQ reason is registered up front so dashboards show zeros, not gaps.
 */
public final class PipelineMetrics {

    public static final String INFERENCE_LATENCY = "glimpse.inference.latency";
    public static final String DECODE_STEPS = "glimpse.decode.steps";
    public static final String CHARACTERS = "glimpse.characters";
    public static final String BATCH_SIZE = "glimpse.batch.size";
    public static final String DLQ_RECORDS = "glimpse.dlq.records";
    public static final String ATTENTION_ENTROPY = "glimpse.attention.entropy";
    public static final String RECORDS_TRANSLATED = "glimpse.records.translated";

    private final MeterRegistry registry;
    private final Timer inferenceLatency;
    private final Counter decodeSteps;
    private final Counter characters;
    private final DistributionSummary batchSize;
    private final DistributionSummary attentionEntropy;
    private final Counter translated;
    private final Map<DlqReason, Counter> deadLetters = new EnumMap<>(DlqReason.class);

    public PipelineMetrics(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
        inferenceLatency = Timer.builder(INFERENCE_LATENCY)
                .description("Time spent in the model per translate call")
                .publishPercentileHistogram()
                .register(registry);
        decodeSteps = Counter.builder(DECODE_STEPS)
                .description("Decoder steps run (target tokens emitted)")
                .register(registry);
        characters = Counter.builder(CHARACTERS)
                .description("Source characters (code points) translated")
                .register(registry);
        batchSize = DistributionSummary.builder(BATCH_SIZE)
                .description("Requests per translate call")
                .register(registry);
        attentionEntropy = DistributionSummary.builder(ATTENTION_ENTROPY)
                .description("Mean attention entropy per request, nats: low means sharp glimpses")
                .baseUnit("nats")
                .publishPercentileHistogram()
                .register(registry);
        translated = Counter.builder(RECORDS_TRANSLATED)
                .description("Requests translated and published")
                .register(registry);
        for (DlqReason reason : DlqReason.values()) {
            deadLetters.put(reason, Counter.builder(DLQ_RECORDS)
                    .description("Records sent to the dead letter queue")
                    .tag("reason", reason.label())
                    .register(registry));
        }
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** One translate call of {@code batch} requests. */
    void recordInference(long nanos, int batch) {
        inferenceLatency.record(nanos, TimeUnit.NANOSECONDS);
        batchSize.record(batch);
    }

    /** One request translated and published. */
    void recordTranslated(int sourceChars, int steps, float meanEntropy) {
        characters.increment(sourceChars);
        decodeSteps.increment(steps);
        attentionEntropy.record(meanEntropy);
        translated.increment();
    }

    void recordDeadLetter(DlqReason reason) {
        deadLetters.get(reason).increment();
    }
}
