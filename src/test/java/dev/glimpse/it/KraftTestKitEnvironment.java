package dev.glimpse.it;

import dev.glimpse.registry.EmbeddedSchemaRegistry;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * Apache Kafka's own in-JVM KRaft test cluster (one combined broker+controller node, ephemeral
 * ports) with Glimpse's embedded registry: the default environment, needing nothing but the JVM.
 */
public final class KraftTestKitEnvironment implements KafkaEnvironment {

    private final KafkaClusterTestKit cluster;
    private final EmbeddedSchemaRegistry registry;

    private KraftTestKitEnvironment(KafkaClusterTestKit cluster, EmbeddedSchemaRegistry registry) {
        this.cluster = cluster;
        this.registry = registry;
    }

    public static KraftTestKitEnvironment start() {
        KafkaClusterTestKit cluster = null;
        try {
            cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .build())
                    // Single node: every internal topic must fit on it, including the transaction log.
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("offsets.topic.num.partitions", "5")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("transaction.state.log.num.partitions", "5")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("group.min.session.timeout.ms", "1000")
                    .build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            return new KraftTestKitEnvironment(cluster, EmbeddedSchemaRegistry.start("localhost", 0));
        } catch (Exception e) {
            if (cluster != null) {
                try {
                    cluster.close();
                } catch (Exception suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw new IllegalStateException("Cannot start Kafka's KRaft test cluster", e);
        }
    }

    @Override
    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    @Override
    public String registryUrl() {
        return registry.url();
    }

    @Override
    public String description() {
        return "in-JVM KRaft test kit at " + bootstrapServers() + ", embedded registry at " + registryUrl();
    }

    @Override
    public void close() {
        registry.close();
        try {
            cluster.close();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot stop Kafka's KRaft test cluster", e);
        }
    }
}
