package dev.glimpse.stream;

import dev.glimpse.model.ModelInfo;
import dev.glimpse.model.TranslationResult;
import dev.glimpse.model.Translator;
import dev.glimpse.schema.AttentionMap;
import dev.glimpse.schema.Translation;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Parses one request, translates it and forwards its Translation and AttentionMap to their sinks.
 * A record that cannot be translated throws {@link RejectedRecordException}; Kafka Streams hands
 * it to {@link DeadLetterHandler}, which writes the dead letter and resumes.
 */
final class TranslateProcessor implements Processor<byte[], byte[], byte[], Object> {

    private final RequestDecoder decoder;
    private final Translator translator;
    private final PipelineMetrics metrics;
    private final long maxAttentionWeights;
    private final String translationsSink;
    private final String attentionSink;
    private ProcessorContext<byte[], Object> context;

    TranslateProcessor(RequestDecoder decoder, Translator translator, PipelineMetrics metrics,
            long maxAttentionWeights, String translationsSink, String attentionSink) {
        this.decoder = decoder;
        this.translator = translator;
        this.metrics = metrics;
        this.maxAttentionWeights = maxAttentionWeights;
        this.translationsSink = translationsSink;
        this.attentionSink = attentionSink;
    }

    @Override
    public void init(ProcessorContext<byte[], Object> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        RecordMetadata source = context.recordMetadata()
                .orElseThrow(() -> new IllegalStateException("Request record without source metadata"));
        ParsedRequest request = decoder.decode(source.topic(), record.headers(), record.value());
        // Deterministic, so a replay after a crash gives the request the same id.
        String requestId = request.id() != null
                ? request.id()
                : source.topic() + "-" + source.partition() + "-" + source.offset();

        long start = System.nanoTime();
        TranslationResult result;
        try {
            result = translator.translate(request.text());
            OutputRecords.requireConsistent(result);
        } catch (RuntimeException e) {
            throw new RejectedRecordException(
                    DlqReason.INFERENCE_FAILED, "Translation failed: " + e.getMessage(), e);
        }
        long inferenceNanos = System.nanoTime() - start;
        metrics.recordInference(inferenceNanos, 1);
        requireAttentionFits(result);

        ModelInfo model = translator.info();
        Translation translation = OutputRecords.translation(
                requestId, request, result, model, inferenceNanos, Instant.now(), source);
        AttentionMap attention = OutputRecords.attention(requestId, result, model);

        byte[] key = record.key() != null ? record.key() : requestId.getBytes(StandardCharsets.UTF_8);
        context.forward(new Record<byte[], Object>(key, translation, record.timestamp(), outputHeaders(record.headers(), model)),
                translationsSink);
        context.forward(new Record<byte[], Object>(key, attention, record.timestamp(), outputHeaders(record.headers(), model)),
                attentionSink);
        metrics.recordTranslated(translation.getSourceLength(), result.targetTokens().size(), attention.getMeanEntropy());
    }

    /**
     * Checked before anything is forwarded, so an oversized request ends as one dead letter rather
     * than a translation without its attention map, or a producer failure that stops the pipeline.
     */
    private void requireAttentionFits(TranslationResult result) {
        long weights = (long) result.targetTokens().size() * result.sourceTokens().size();
        if (weights > maxAttentionWeights) {
            throw new RejectedRecordException(DlqReason.OUTPUT_TOO_LARGE, "Attention map of "
                    + result.targetTokens().size() + " x " + result.sourceTokens().size() + " = " + weights
                    + " weights exceeds the output record budget of " + maxAttentionWeights
                    + " weights; raise producer max.request.size (and the topics' max.message.bytes)"
                    + " or send shorter text");
        }
    }

    /** The input's headers plus the model stamp; a fresh copy per output so neither can alter the other. */
    private static Headers outputHeaders(Headers input, ModelInfo model) {
        Headers headers = new RecordHeaders();
        for (Header header : input) {
            if (!header.key().equals(GlimpseHeaders.MODEL_NAME) && !header.key().equals(GlimpseHeaders.MODEL_VERSION)) {
                headers.add(header);
            }
        }
        headers.add(GlimpseHeaders.MODEL_NAME, model.name().getBytes(StandardCharsets.UTF_8));
        headers.add(GlimpseHeaders.MODEL_VERSION, model.version().getBytes(StandardCharsets.UTF_8));
        return headers;
    }
}
