package dev.glimpse.stream;

import dev.glimpse.config.GlimpseConfig;
import dev.glimpse.config.TopicNames;
import dev.glimpse.config.OutputFormat;
import dev.glimpse.config.ProcessingGuarantee;
import java.util.Objects;

/**
 * Everything about the pipeline that is Glimpse's to decide (Kafka client settings such as
 * bootstrap servers and security are passed separately, untouched).
 *
 * @param applicationId Kafka Streams application id: the consumer group and transactional id prefix;
 *     instances with the same id share the input partitions
 * @param topics the four topic names
 * @param guarantee exactly-once (default) or at-least-once
 * @param outputFormat Avro (needs a registry) or JSON
 * @param topology topology settings (text length limit)
 * @param partitions partitions for topics Glimpse creates
 * @param replicationFactor replication factor for topics Glimpse creates
 * @param streamThreads Kafka Streams threads in this instance
 * @param provisionTopics create missing topics and check existing ones at start-up
 */
public record PipelineSettings(
        String applicationId,
        TopicNames topics,
        ProcessingGuarantee guarantee,
        OutputFormat outputFormat,
        TopologySettings topology,
        int partitions,
        short replicationFactor,
        int streamThreads,
        boolean provisionTopics) {

    public PipelineSettings {
        Objects.requireNonNull(applicationId, "applicationId");
        if (applicationId.isBlank()) {
            throw new IllegalArgumentException("applicationId must not be blank");
        }
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(guarantee, "guarantee");
        Objects.requireNonNull(outputFormat, "outputFormat");
        Objects.requireNonNull(topology, "topology");
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
        }
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("replicationFactor must be at least 1, got " + replicationFactor);
        }
        if (streamThreads < 1) {
            throw new IllegalArgumentException("streamThreads must be at least 1, got " + streamThreads);
        }
    }

    /** The pipeline part of Glimpse's configuration; topics are provisioned. */
    public static PipelineSettings from(GlimpseConfig config) {
        return new PipelineSettings(config.applicationId(), config.topics(), config.processingGuarantee(),
                config.outputFormat(), topologySettings(config), config.partitions(),
                config.replicationFactor(), config.streamThreads(), true);
    }

    /** The text limit, and the attention budget that fits the producer's record size in the output format. */
    private static TopologySettings topologySettings(GlimpseConfig config) {
        int maxRequestSize = TopologySettings.maxRequestSize(config.kafkaProperties());
        return new TopologySettings(config.maxTextChars(),
                TopologySettings.attentionBudget(config.outputFormat(), maxRequestSize));
    }

    /** Glimpse's defaults: application id {@code glimpse}, the {@code glimpse.*} topics, exactly-once, Avro. */
    public static PipelineSettings defaults() {
        return from(GlimpseConfig.defaults());
    }

    public PipelineSettings withApplicationId(String id) {
        return new PipelineSettings(id, topics, guarantee, outputFormat, topology, partitions, replicationFactor,
                streamThreads, provisionTopics);
    }

    public PipelineSettings withTopics(TopicNames names) {
        return new PipelineSettings(applicationId, names, guarantee, outputFormat, topology, partitions,
                replicationFactor, streamThreads, provisionTopics);
    }

    public PipelineSettings withGuarantee(ProcessingGuarantee g) {
        return new PipelineSettings(applicationId, topics, g, outputFormat, topology, partitions, replicationFactor,
                streamThreads, provisionTopics);
    }

    public PipelineSettings withOutputFormat(OutputFormat format) {
        return new PipelineSettings(applicationId, topics, guarantee, format, topology, partitions, replicationFactor,
                streamThreads, provisionTopics);
    }

    public PipelineSettings withTopology(TopologySettings t) {
        return new PipelineSettings(applicationId, topics, guarantee, outputFormat, t, partitions, replicationFactor,
                streamThreads, provisionTopics);
    }

    public PipelineSettings withPartitions(int p, short rf) {
        return new PipelineSettings(applicationId, topics, guarantee, outputFormat, topology, p, rf, streamThreads,
                provisionTopics);
    }

    public PipelineSettings withStreamThreads(int threads) {
        return new PipelineSettings(applicationId, topics, guarantee, outputFormat, topology, partitions,
                replicationFactor, threads, provisionTopics);
    }

    public PipelineSettings withProvisionTopics(boolean provision) {
        return new PipelineSettings(applicationId, topics, guarantee, outputFormat, topology, partitions,
                replicationFactor, streamThreads, provision);
    }
}
