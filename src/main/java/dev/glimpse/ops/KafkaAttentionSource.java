package dev.glimpse.ops;

import dev.glimpse.stream.GlimpseHeaders;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the attention topic (and the dead letter topic) with its own {@code read_committed}
 * consumer and feeds the dashboard.
 *
 * <p>No consumer group: every instance's dashboard sees every partition, whichever instance
 * translated the record, and nothing is committed. On start it backs up a few records per
 * partition so a freshly opened dashboard is not empty.
 */
public final class KafkaAttentionSource implements AutoCloseable {

    /** Turns one attention record's value into a view; throws on a value it cannot read. */
    @FunctionalInterface
    public interface Decoder extends BiFunction<byte[], ConsumerRecord<byte[], byte[]>, AttentionView> {}

    /** Headers that say why a record is in the dead letter queue, in order of preference. */
    static final List<String> DLQ_REASON_HEADERS =
            List.of(GlimpseHeaders.ERROR_REASON, GlimpseHeaders.STREAMS_ERROR_EXCEPTION);

    private static final Logger log = LoggerFactory.getLogger(KafkaAttentionSource.class);
    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration PARTITION_WAIT = Duration.ofSeconds(30);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String attentionTopic;
    private final String dlqTopic;
    private final Decoder decoder;
    private final AttentionFeed feed;
    private final int history;
    private final Thread thread;
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile boolean closed;

    /**
     * @param clientProperties bootstrap servers, security and other client settings (no group id needed)
     * @param dlqTopic dead letter topic to count, or null
     * @param history how many existing records per partition to show on start
     */
    public KafkaAttentionSource(Map<String, Object> clientProperties, String attentionTopic, String dlqTopic,
            Decoder decoder, AttentionFeed feed, int history) {
        this.attentionTopic = Objects.requireNonNull(attentionTopic, "attentionTopic");
        this.dlqTopic = dlqTopic;
        this.decoder = Objects.requireNonNull(decoder, "decoder");
        this.feed = Objects.requireNonNull(feed, "feed");
        this.history = history;
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "glimpse-dashboard-" + ProcessHandle.current().pid());
        this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.thread = new Thread(this::run, "glimpse-dashboard-feed");
        this.thread.setDaemon(true);
    }

    public KafkaAttentionSource start() {
        thread.start();
        return this;
    }

    private void run() {
        try {
            assignAll();
            while (!closed) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    if (record.topic().equals(attentionTopic)) {
                        show(record);
                    } else {
                        feed.deadLetter(reason(record));
                    }
                }
            }
        } catch (WakeupException e) {
            if (!closed) {
                throw e;
            }
        } catch (RuntimeException e) {
            log.error("dashboard feed stopped: {}", e.toString(), e);
        } finally {
            consumer.close();
        }
    }

    private void show(ConsumerRecord<byte[], byte[]> record) {
        try {
            feed.publish(decoder.apply(record.value(), record));
        } catch (RuntimeException e) {
            // The pipeline produced it, so this is a bug or a schema mismatch: say so, keep following.
            log.warn("dashboard cannot read attention record {}-{}@{}: {}",
                    record.topic(), record.partition(), record.offset(), e.toString());
        }
    }

    private void assignAll() {
        List<TopicPartition> partitions = new ArrayList<>(partitionsOf(attentionTopic));
        List<TopicPartition> attention = List.copyOf(partitions);
        if (dlqTopic != null) {
            partitions.addAll(partitionsOf(dlqTopic));
        }
        consumer.assign(partitions);
        Map<TopicPartition, Long> begin = consumer.beginningOffsets(attention);
        Map<TopicPartition, Long> end = consumer.endOffsets(attention);
        for (TopicPartition tp : attention) {
            consumer.seek(tp, Math.max(begin.get(tp), end.get(tp) - history));
        }
        if (dlqTopic != null) {
            // Count dead letters from the start, so the panel shows the topic's total.
            consumer.seekToBeginning(partitions.subList(attention.size(), partitions.size()));
        }
        log.info("dashboard following {} ({} partitions){}", attentionTopic, attention.size(),
                dlqTopic == null ? "" : " and " + dlqTopic);
    }

    private List<TopicPartition> partitionsOf(String topic) {
        long deadline = System.nanoTime() + PARTITION_WAIT.toNanos();
        while (!closed) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic);
            if (infos != null && !infos.isEmpty()) {
                return infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("topic " + topic + " has no partitions after " + PARTITION_WAIT);
            }
            try {
                if (closing.await(1, TimeUnit.SECONDS)) {
                    break;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new WakeupException();
    }

    static String reason(ConsumerRecord<byte[], byte[]> record) {
        return GlimpseHeaders.firstValue(record.headers(), DLQ_REASON_HEADERS).orElse("unknown");
    }

    @Override
    public void close() {
        closed = true;
        closing.countDown();
        if (!thread.isAlive() && thread.getState() == Thread.State.NEW) {
            consumer.close();
            return;
        }
        consumer.wakeup();
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
