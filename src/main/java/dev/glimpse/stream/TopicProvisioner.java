package dev.glimpse.stream;

import dev.glimpse.config.TopicNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure Glimpse's four topics exist before the stream starts.
 *
 * <p>Missing topics are created with the configured partitions and replication factor and
 * {@code cleanup.policy=delete}. Existing topics are kept as they are (their owner chose their size),
 * with two checks:
 * <ul>
 *   <li>a compacted topic is an error: outputs share keys across requests (a producer's key, or
 *       none), so compaction would silently delete translations and dead letters;
 *   <li>a partition count different from the configured one is logged, not changed: Glimpse is
 *       stateless and joins nothing, so any count works; it only bounds how many instances share
 *       the work.
 * </ul>
 */
public final class TopicProvisioner {

    private static final Logger log = LoggerFactory.getLogger(TopicProvisioner.class);

    private final Admin admin;
    private final Duration timeout;

    public TopicProvisioner(Admin admin, Duration timeout) {
        this.admin = admin;
        this.timeout = timeout;
    }

    /** What was found or done per topic, in the order given. */
    public record Outcome(String topic, boolean created, int partitions) {}

    public List<Outcome> provision(TopicNames names, int partitions, short replicationFactor) {
        Map<String, TopicDescription> existing = describe(names.all());
        List<NewTopic> missing = new ArrayList<>();
        for (String topic : names.all()) {
            if (!existing.containsKey(topic)) {
                missing.add(new NewTopic(topic, partitions, replicationFactor)
                        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE)));
            }
        }
        List<String> created = create(missing);
        checkCleanupPolicy(existing.keySet().stream().filter(t -> !created.contains(t)).toList());

        List<Outcome> outcomes = new ArrayList<>();
        for (String topic : names.all()) {
            if (created.contains(topic)) {
                log.info("Created topic {} ({} partitions, replication factor {})", topic, partitions,
                        replicationFactor);
                outcomes.add(new Outcome(topic, true, partitions));
            } else {
                int actual = existing.containsKey(topic)
                        ? existing.get(topic).partitions().size()
                        : describe(List.of(topic)).get(topic).partitions().size();
                if (actual != partitions) {
                    log.info("Topic {} exists with {} partitions (configured {}): using it as it is", topic,
                            actual, partitions);
                } else {
                    log.info("Topic {} exists ({} partitions)", topic, actual);
                }
                outcomes.add(new Outcome(topic, false, actual));
            }
        }
        return outcomes;
    }

    private Map<String, TopicDescription> describe(List<String> topics) {
        Map<String, TopicDescription> found = new LinkedHashMap<>();
        for (Map.Entry<String, KafkaFuture<TopicDescription>> entry :
                admin.describeTopics(topics).topicNameValues().entrySet()) {
            try {
                found.put(entry.getKey(), await(entry.getValue(), "describe topic " + entry.getKey()));
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw new TopicProvisioningException(
                            "Cannot describe topic " + entry.getKey() + ": " + e.getCause().getMessage(), e.getCause());
                }
            }
        }
        return found;
    }

    /** Creates the topics; one created meanwhile by another instance counts as present. */
    private List<String> create(List<NewTopic> topics) {
        List<String> created = new ArrayList<>();
        if (topics.isEmpty()) {
            return created;
        }
        for (Map.Entry<String, KafkaFuture<Void>> entry : admin.createTopics(topics).values().entrySet()) {
            try {
                await(entry.getValue(), "create topic " + entry.getKey());
                created.add(entry.getKey());
            } catch (ExecutionException e) {
                if (e.getCause() instanceof TopicExistsException) {
                    log.info("Topic {} was created concurrently by another client", entry.getKey());
                } else {
                    throw new TopicProvisioningException("Cannot create topic " + entry.getKey() + ": "
                            + e.getCause().getMessage(), e.getCause());
                }
            }
        }
        return created;
    }

    private void checkCleanupPolicy(List<String> topics) {
        if (topics.isEmpty()) {
            return;
        }
        List<ConfigResource> resources = topics.stream()
                .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList();
        Map<ConfigResource, Config> configs;
        try {
            configs = await(admin.describeConfigs(resources).all(), "describe topic configs");
        } catch (ExecutionException e) {
            throw new TopicProvisioningException(
                    "Cannot read configs of topics " + topics + ": " + e.getCause().getMessage(), e.getCause());
        }
        for (Map.Entry<ConfigResource, Config> entry : configs.entrySet()) {
            ConfigEntry policy = entry.getValue().get(TopicConfig.CLEANUP_POLICY_CONFIG);
            if (policy != null && policy.value() != null && policy.value().contains(TopicConfig.CLEANUP_POLICY_COMPACT)) {
                throw new TopicProvisioningException("Topic " + entry.getKey().name() + " has cleanup.policy="
                        + policy.value() + "; Glimpse needs cleanup.policy=delete, because compaction would drop "
                        + "records that share a key");
            }
        }
    }

    private <T> T await(KafkaFuture<T> future, String what) throws ExecutionException {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new TopicProvisioningException(
                    "Timed out after " + timeout.toSeconds() + " s trying to " + what
                            + ": is the Kafka cluster reachable at the configured bootstrap servers?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TopicProvisioningException("Interrupted while trying to " + what, e);
        }
    }
}
