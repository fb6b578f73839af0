package dev.glimpse.stream;

import org.apache.kafka.streams.StreamsConfig;

/** Kafka Streams' processing guarantee, as Glimpse offers it. */
public enum DeliveryGuarantee {
    /** Each input gives its outputs or its dead letter exactly once to read_committed consumers. */
    EXACTLY_ONCE_V2(StreamsConfig.EXACTLY_ONCE_V2),
    /** Faster commits; after a crash some outputs may be written twice. */
    AT_LEAST_ONCE(StreamsConfig.AT_LEAST_ONCE);

    private final String streamsValue;

    DeliveryGuarantee(String streamsValue) {
        this.streamsValue = streamsValue;
    }

    /** The value of {@code processing.guarantee}. */
    public String streamsValue() {
        return streamsValue;
    }
}
