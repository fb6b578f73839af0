package dev.glimpse.stream;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.internals.ExceptionHandlerUtils;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Glimpse's exception handler on Kafka Streams' dead letter queue (KIP-1034).
 *
 * <p>A {@link RejectedRecordException} becomes one dead letter on the topic named by
 * {@code errors.dead.letter.queue.topic.name}, built by Kafka Streams' own record builder: the
 * original key and value bytes untouched, the input headers, and the {@code __streams.errors.*}
 * headers (exception, message, stack trace, topic, partition, offset). Glimpse adds
 * {@code glimpse.error.reason}. Processing then resumes with the next record; under exactly-once the
 * dead letter commits atomically with the input offset.
 *
 * <p>Any other exception is not a bad record but a bug or an infrastructure failure (for example an
 * unreachable registry while serializing outputs): draining the input into the DLQ would lose
 * nothing but hide the outage, so the handler fails and the stream thread stops with the error.
 *
 * <p>Metrics arrive through the config map (key {@link #METRICS_CONFIG}), since Kafka Streams
 * instantiates handlers by class name.
 */
public final class DeadLetterHandler implements ProcessingExceptionHandler, DeserializationExceptionHandler {

    /** Streams config key under which {@link StreamsConfigFactory} passes the {@link PipelineMetrics}. */
    public static final String METRICS_CONFIG = "glimpse.internal.pipeline.metrics";

    private static final Logger log = LoggerFactory.getLogger(DeadLetterHandler.class);

    private String deadLetterTopic;
    private PipelineMetrics metrics;

    @Override
    public void configure(Map<String, ?> configs) {
        Object topic = configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
        deadLetterTopic = topic == null ? null : topic.toString();
        Object configuredMetrics = configs.get(METRICS_CONFIG);
        metrics = configuredMetrics instanceof PipelineMetrics m ? m : null;
        if (metrics == null) {
            log.warn("No {} in the Streams config: dead letters will not be counted", METRICS_CONFIG);
        }
    }

    @Override
    public ProcessingExceptionHandler.Response handleError(
            ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        if (!(exception instanceof RejectedRecordException rejected)) {
            log.error("Unexpected failure processing {}-{}@{} in node {}: stopping rather than dead-lettering",
                    context.topic(), context.partition(), context.offset(), context.processorNodeId(), exception);
            return ProcessingExceptionHandler.Response.fail();
        }
        if (deadLetterTopic == null) {
            log.error("Record {}-{}@{} rejected ({}) but no {} is configured: stopping",
                    context.topic(), context.partition(), context.offset(), rejected.reason().label(),
                    StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, exception);
            return ProcessingExceptionHandler.Response.fail();
        }
        return ProcessingExceptionHandler.Response.resume(List.of(
                deadLetter(context, context.sourceRawKey(), context.sourceRawValue(), rejected.reason(), rejected)));
    }

    /**
     * Only reached if the source's deserializers can fail; Glimpse reads raw bytes and parses them
     * in the topology, but a record that cannot be deserialized is undecodable either way.
     */
    @Override
    public DeserializationExceptionHandler.Response handleError(
            ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        if (deadLetterTopic == null) {
            log.error("Record {}-{}@{} cannot be deserialized and no {} is configured: stopping",
                    context.topic(), context.partition(), context.offset(),
                    StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, exception);
            return DeserializationExceptionHandler.Response.fail();
        }
        return DeserializationExceptionHandler.Response.resume(List.of(
                deadLetter(context, record.key(), record.value(), DlqReason.UNDECODABLE, exception)));
    }

    private ProducerRecord<byte[], byte[]> deadLetter(
            ErrorHandlerContext context, byte[] key, byte[] value, DlqReason reason, Exception exception) {
        ProducerRecord<byte[], byte[]> deadLetter =
                ExceptionHandlerUtils.buildDeadLetterQueueRecord(deadLetterTopic, key, value, context, exception);
        deadLetter.headers().remove(GlimpseHeaders.ERROR_REASON); // an input header must not pose as ours
        deadLetter.headers().add(GlimpseHeaders.ERROR_REASON, reason.label().getBytes(StandardCharsets.UTF_8));
        log.warn("Dead letter ({}) for {}-{}@{}: {}", reason.label(), context.topic(), context.partition(),
                context.offset(), exception.getMessage());
        if (metrics != null) {
            metrics.recordDeadLetter(reason);
        }
        return deadLetter;
    }
}
