package dev.glimpse.cli;

import dev.glimpse.stream.GlimpseHeaders;
import dev.glimpse.config.TopicNames;
import dev.glimpse.schema.AttentionMap;
import dev.glimpse.schema.Translation;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows Glimpse's output topics with a read_committed consumer and hands over each translation
 * (paired with its attention map when asked for) and each dead letter, on its own thread.
 * No consumer group: it reads every partition and commits nothing, so it never disturbs anyone.
 */
public final class OutputFollower implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OutputFollower.class);

    /** What the follower reports. Called on the follower's thread. */
    public interface Listener {
        void translated(String key, Translation translation, Optional<AttentionMap> attention);

        void deadLetter(String key, String reason);
    }

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final TopicNames topics;
    private final boolean withAttention;
    private final Deserializer<Translation> translations;
    private final Deserializer<AttentionMap> attentions;
    private final Listener listener;
    private final Thread thread;
    private final Map<String, Translation> waitingForAttention = new HashMap<>();
    private final Map<String, AttentionMap> waitingForTranslation = new HashMap<>();
    private volatile boolean running = true;

    /**
     * @param fromBeginning read what is already there, or only what comes after this call
     * @param withAttention pair each translation with its attention map before reporting it
     */
    public OutputFollower(Clients clients, TopicNames topics, boolean fromBeginning, boolean withAttention,
            Listener listener) {
        this.consumer = clients.readCommittedConsumer();
        this.topics = topics;
        this.withAttention = withAttention;
        this.translations = clients.translationDeserializer();
        this.attentions = clients.attentionDeserializer();
        this.listener = listener;
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(topics.translations(), topics.attention(), topics.dlq())) {
            consumer.partitionsFor(topic, Duration.ofSeconds(30))
                    .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
        }
        consumer.assign(partitions);
        if (fromBeginning) {
            consumer.seekToBeginning(partitions);
        } else {
            consumer.seekToEnd(partitions);
        }
        // Resolve the positions now, so that records produced after this constructor are not skipped.
        partitions.forEach(consumer::position);
        this.thread = new Thread(this::loop, "glimpse-output-follower");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void loop() {
        try {
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    handle(record);
                }
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } catch (RuntimeException e) {
            log.error("Stopped following the output topics", e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void handle(ConsumerRecord<byte[], byte[]> record) {
        String key = record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8);
        if (record.topic().equals(topics.dlq())) {
            listener.deadLetter(key, reason(record));
        } else if (record.topic().equals(topics.translations())) {
            Translation t = translations.deserialize(record.topic(), record.headers(), record.value());
            if (!withAttention) {
                listener.translated(key, t, Optional.empty());
            } else {
                AttentionMap a = waitingForTranslation.remove(t.getRequestId());
                if (a != null) {
                    listener.translated(key, t, Optional.of(a));
                } else {
                    waitingForAttention.put(t.getRequestId(), t);
                }
            }
        } else if (withAttention) {
            AttentionMap a = attentions.deserialize(record.topic(), record.headers(), record.value());
            Translation t = waitingForAttention.remove(a.getRequestId());
            if (t != null) {
                listener.translated(key, t, Optional.of(a));
            } else {
                waitingForTranslation.put(a.getRequestId(), a);
            }
        }
    }

    /** Glimpse's own reason header if present, else Kafka Streams' exception message. */
    private static String reason(ConsumerRecord<byte[], byte[]> record) {
        return GlimpseHeaders.firstValue(record.headers(), List.of(GlimpseHeaders.ERROR_REASON,
                GlimpseHeaders.STREAMS_ERROR_MESSAGE, GlimpseHeaders.STREAMS_ERROR_EXCEPTION))
                .orElse("(no reason header)");
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
