package dev.glimpse.config;

import java.util.Locale;

/** Kafka Streams processing guarantee, named as in {@code processing.guarantee}. */
public enum ProcessingGuarantee {
    EXACTLY_ONCE_V2("exactly_once_v2"),
    AT_LEAST_ONCE("at_least_once");

    private final String kafkaName;

    ProcessingGuarantee(String kafkaName) {
        this.kafkaName = kafkaName;
    }

    /** The value of Kafka Streams' {@code processing.guarantee}. */
    public String kafkaName() {
        return kafkaName;
    }

    static ProcessingGuarantee parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        for (ProcessingGuarantee g : values()) {
            if (g.kafkaName.equals(t)) {
                return g;
            }
        }
        throw new IllegalArgumentException("expected exactly_once_v2 or at_least_once");
    }
}
