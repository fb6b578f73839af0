package dev.glimpse.it;

/** A real Kafka cluster and a Confluent-compatible Schema Registry that the integration tests run on. */
public interface KafkaEnvironment extends AutoCloseable {

    String bootstrapServers();

    String registryUrl();

    /** For the test report: which kind of cluster this is. */
    String description();

    @Override
    void close();
}
