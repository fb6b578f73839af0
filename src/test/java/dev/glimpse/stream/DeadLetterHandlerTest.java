package dev.glimpse.stream;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

class DeadLetterHandlerTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final DeadLetterHandler handler = configured(new PipelineMetrics(registry));

    @Test
    void shouldDeadLetterRecordsThatCannotBeDeserialized() {
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("in", 2, 17, "k".getBytes(), "v".getBytes());

        DeserializationExceptionHandler.Response response =
                handler.handleError(context(), record, new IllegalArgumentException("bad bytes"));

        assertThat(response.result()).isEqualTo(DeserializationExceptionHandler.Result.RESUME);
        ProducerRecord<byte[], byte[]> dead = response.deadLetterQueueRecords().get(0);
        assertThat(dead.topic()).isEqualTo("dead");
        assertThat(dead.key()).isEqualTo("k".getBytes());
        assertThat(dead.value()).isEqualTo("v".getBytes());
        assertThat(new String(dead.headers().lastHeader(GlimpseHeaders.ERROR_REASON).value(), UTF_8))
                .isEqualTo("undecodable");
        assertThat(registry.get(PipelineMetrics.DLQ_RECORDS).tag("reason", "undecodable").counter().count())
                .isEqualTo(1);
    }

    @Test
    void shouldFailOnExceptionsThatAreNotBadRecords() {
        ProcessingExceptionHandler.Response response =
                handler.handleError(context(), new Record<>("k", "v", 0L), new NullPointerException("bug"));

        assertThat(response.result()).isEqualTo(ProcessingExceptionHandler.Result.FAIL);
        assertThat(response.deadLetterQueueRecords()).isEmpty();
    }

    @Test
    void shouldFailRatherThanDropWhenNoDeadLetterTopicIsConfigured() {
        DeadLetterHandler unconfigured = new DeadLetterHandler();
        unconfigured.configure(Map.of());

        ProcessingExceptionHandler.Response response = unconfigured.handleError(context(), new Record<>("k", "v", 0L),
                new RejectedRecordException(DlqReason.BLANK, "blank"));

        assertThat(response.result()).isEqualTo(ProcessingExceptionHandler.Result.FAIL);
    }

    @Test
    void shouldReplaceAReasonHeaderThatCameWithTheInput() {
        Headers input = new RecordHeaders().add(GlimpseHeaders.ERROR_REASON, "forged".getBytes(UTF_8));

        ProcessingExceptionHandler.Response response = handler.handleError(context(input),
                new Record<>("k", "v", 0L), new RejectedRecordException(DlqReason.TOO_LONG, "long"));

        Headers headers = response.deadLetterQueueRecords().get(0).headers();
        assertThat(headers.headers(GlimpseHeaders.ERROR_REASON)).hasSize(1);
        assertThat(new String(headers.lastHeader(GlimpseHeaders.ERROR_REASON).value(), UTF_8)).isEqualTo("too_long");
    }

    private static DeadLetterHandler configured(PipelineMetrics metrics) {
        DeadLetterHandler h = new DeadLetterHandler();
        h.configure(Map.of(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, "dead",
                DeadLetterHandler.METRICS_CONFIG, metrics));
        return h;
    }

    private static ErrorHandlerContext context() {
        return context(new RecordHeaders());
    }

    private static ErrorHandlerContext context(Headers headers) {
        return new ErrorHandlerContext() {
            @Override public String topic() { return "in"; }
            @Override public int partition() { return 2; }
            @Override public long offset() { return 17; }
            @Override public Headers headers() { return headers; }
            @Override public String processorNodeId() { return "translate"; }
            @Override public TaskId taskId() { return new TaskId(0, 2); }
            @Override public long timestamp() { return 1L; }
            @Override public byte[] sourceRawKey() { return "k".getBytes(); }
            @Override public byte[] sourceRawValue() { return "v".getBytes(); }
        };
    }
}
