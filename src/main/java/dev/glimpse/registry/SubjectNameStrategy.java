package dev.glimpse.registry;

import org.apache.avro.Schema;

/**
 * How a serializer names the registry subject of a schema, as Confluent's serializers do
 * ({@code value.subject.name.strategy}), so that Glimpse's subjects match what other Confluent-format
 * clients expect.
 */
public enum SubjectNameStrategy {
    /** {@code <topic>-value} / {@code <topic>-key}: one schema lineage per topic (Confluent's default). */
    TOPIC_NAME {
        @Override
        public String subject(String topic, Schema schema, boolean isKey) {
            return topic + (isKey ? "-key" : "-value");
        }
    },
    /** The record's full name: one lineage per record type, shared by every topic that carries it. */
    RECORD_NAME {
        @Override
        public String subject(String topic, Schema schema, boolean isKey) {
            return schema.getFullName();
        }
    },
    /** {@code <topic>-<record full name>}: several record types per topic, each with its own lineage. */
    TOPIC_RECORD_NAME {
        @Override
        public String subject(String topic, Schema schema, boolean isKey) {
            return topic + "-" + schema.getFullName();
        }
    };

    /** The subject under which {@code schema}, written to {@code topic}, is registered. */
    public abstract String subject(String topic, Schema schema, boolean isKey);
}
