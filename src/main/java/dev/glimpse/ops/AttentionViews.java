package dev.glimpse.ops;

import dev.glimpse.schema.AttentionMap;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;

/** Builds {@link AttentionView}s from attention-topic records. */
public final class AttentionViews {

    private AttentionViews() {}

    /**
     * A decoder for the attention topic using the pipeline's own value deserializer (the registry
     * serde for Avro output, the JSON serde for JSON output), so the dashboard reads whatever the
     * pipeline writes.
     */
    public static KafkaAttentionSource.Decoder decoder(Deserializer<AttentionMap> attention) {
        return (value, record) -> {
            AttentionMap map = attention.deserialize(record.topic(), record.headers(), value);
            if (map == null) {
                throw new IllegalArgumentException("empty attention record");
            }
            return of(map, record);
        };
    }

    /** From the deserialized record. */
    public static AttentionView of(AttentionMap map, ConsumerRecord<?, ?> record) {
        return new AttentionView(
                map.getRequestId(),
                keyText(record),
                map.getModelName(),
                map.getModelVersion(),
                map.getSourceTokens(),
                map.getTargetTokens(),
                map.getWeights(),
                map.getStepEntropy(),
                map.getMeanEntropy(),
                record.partition(),
                record.offset(),
                record.timestamp());
    }

    private static String keyText(ConsumerRecord<?, ?> record) {
        Object key = record.key();
        if (key == null) {
            return null;
        }
        return key instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : key.toString();
    }
}
