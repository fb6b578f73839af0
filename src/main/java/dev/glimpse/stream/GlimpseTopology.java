package dev.glimpse.stream;

import dev.glimpse.model.Translator;
import dev.glimpse.schema.TranslationRequest;
import java.util.Optional;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.Topology;

/**
 * Glimpse's topology as a pure function of its inputs: nothing is started or connected here, so it
 * is unit-tested with {@code TopologyTestDriver}.
 *
 * <pre>
 * requests ──► translate ──┬─► translations
 *                 │        └─► attention
 *                 └────────────► dlq   (via Kafka Streams' dead letter queue and {@link DeadLetterHandler})
 * </pre>
 *
 * The DLQ is not a sink of this topology: rejected records leave the processor as a
 * {@link RejectedRecordException} and Kafka Streams writes the dead letter in the same transaction
 * as the input's offset, so it needs {@link StreamsConfigFactory}'s settings.
 */
public final class GlimpseTopology {

    static final String SOURCE = "requests-source";
    static final String TRANSLATE = "translate";
    static final String TRANSLATIONS_SINK = "translations-sink";
    static final String ATTENTION_SINK = "attention-sink";

    private GlimpseTopology() {}

    /** A topology for JSON and plain-text requests; Avro requests go to the DLQ (no registry). */
    public static Topology build(TopologySettings settings, Topics topics, Translator translator,
            PipelineMetrics metrics) {
        return build(settings, topics, Optional.empty(), translator, metrics);
    }

    /**
     * A topology for Avro, JSON and plain-text requests.
     *
     * @param avroRequests decoder of Confluent wire-format TranslationRequests, if a registry is configured
     */
    public static Topology build(TopologySettings settings, Topics topics,
            Optional<Deserializer<TranslationRequest>> avroRequests, Translator translator, PipelineMetrics metrics) {
        RequestDecoder decoder = new RequestDecoder(settings.maxTextChars(), avroRequests);
        Topology topology = new Topology();
        topology.addSource(SOURCE, topics.requests().keySerde().deserializer(),
                topics.requests().valueSerde().deserializer(), topics.requests().name());
        topology.addProcessor(TRANSLATE,
                () -> new TranslateProcessor(decoder, translator, metrics, settings.maxAttentionWeights(),
                        TRANSLATIONS_SINK, ATTENTION_SINK),
                SOURCE);
        topology.addSink(TRANSLATIONS_SINK, topics.translations().name(), topics.translations().keySerde().serializer(),
                anyValue(topics.translations().valueSerde().serializer()), TRANSLATE);
        topology.addSink(ATTENTION_SINK, topics.attention().name(), topics.attention().keySerde().serializer(),
                anyValue(topics.attention().valueSerde().serializer()), TRANSLATE);
        return topology;
    }

    /**
     * The processor forwards two value types to two named sinks, so its output type is Object; each
     * sink only ever receives its own type.
     */
    @SuppressWarnings("unchecked")
    private static <V> Serializer<Object> anyValue(Serializer<V> serializer) {
        return (Serializer<Object>) serializer;
    }
}
