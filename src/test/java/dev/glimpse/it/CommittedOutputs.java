package dev.glimpse.it;

import dev.glimpse.cli.Clients;
import dev.glimpse.config.TopicNames;
import dev.glimpse.schema.AttentionMap;
import dev.glimpse.schema.Translation;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.Deserializer;
import org.awaitility.Awaitility;

/**
 * Everything a read_committed consumer sees on the three output topics. Reads from the beginning
 * until at least the expected counts are there AND it has reached the end of every partition (the
 * last stable offset), so that a surplus, a duplicate, would be seen too.
 */
public final class CommittedOutputs implements AutoCloseable {

    public record Output<T>(String key, T value) {}

    public record DeadLetter(String key, String reason) {}

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final TopicNames topics;
    private final Deserializer<Translation> translationDeserializer;
    private final Deserializer<AttentionMap> attentionDeserializer;
    private final List<TopicPartition> partitions = new ArrayList<>();
    public final List<Output<Translation>> translations = new ArrayList<>();
    public final List<Output<AttentionMap>> attention = new ArrayList<>();
    public final List<DeadLetter> deadLetters = new ArrayList<>();

    public CommittedOutputs(Clients clients, TopicNames topics) {
        this.consumer = clients.readCommittedConsumer();
        this.topics = topics;
        this.translationDeserializer = clients.translationDeserializer();
        this.attentionDeserializer = clients.attentionDeserializer();
        for (String topic : List.of(topics.translations(), topics.attention(), topics.dlq())) {
            consumer.partitionsFor(topic, Duration.ofSeconds(30))
                    .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Reads whatever is committed now, without waiting for anything. */
    public CommittedOutputs poll() {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
            String key = r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8);
            if (r.topic().equals(topics.translations())) {
                translations.add(new Output<>(key, translationDeserializer.deserialize(r.topic(), r.headers(), r.value())));
            } else if (r.topic().equals(topics.attention())) {
                attention.add(new Output<>(key, attentionDeserializer.deserialize(r.topic(), r.headers(), r.value())));
            } else {
                Header reason = r.headers().lastHeader("glimpse.error.reason");
                deadLetters.add(new DeadLetter(key, reason == null ? null : new String(reason.value(), StandardCharsets.UTF_8)));
            }
        }
        return this;
    }

    /** Polls until the counts are reached and every partition is read to its end. */
    public CommittedOutputs awaitAtLeast(int translationCount, int attentionCount, int deadLetterCount, Duration timeout) {
        Awaitility.await("read_committed outputs: " + translationCount + " translations, " + attentionCount
                        + " attention maps, " + deadLetterCount + " dead letters")
                .atMost(timeout)
                .pollInterval(Duration.ZERO)
                .pollDelay(Duration.ZERO)
                .until(() -> {
                    poll();
                    return translations.size() >= translationCount && attention.size() >= attentionCount
                            && deadLetters.size() >= deadLetterCount && atEnd();
                });
        return this;
    }

    private boolean atEnd() {
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        for (TopicPartition p : partitions) {
            if (consumer.position(p) < end.get(p)) {
                return false;
            }
        }
        return true;
    }

    /** How many times each key occurs. */
    public static <T> Map<String, Integer> keyCounts(List<Output<T>> outputs) {
        Map<String, Integer> counts = new HashMap<>();
        outputs.forEach(o -> counts.merge(o.key(), 1, Integer::sum));
        return counts;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
