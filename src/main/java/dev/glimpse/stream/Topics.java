package dev.glimpse.stream;

import dev.glimpse.config.TopicNames;
import dev.glimpse.schema.AttentionMap;
import dev.glimpse.schema.Translation;
import java.util.HashSet;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Glimpse's four topics with their serdes.
 *
 * <p>Keys are raw bytes everywhere: the output key is the input key untouched (or the UTF-8 request
 * id when the input key is null), so Glimpse never has to understand a producer's key format. The
 * requests and dead-letter values are raw bytes too: requests are parsed inside the topology (where
 * the record's partition and offset are known), and dead letters must keep the original bytes.
 */
public record Topics(
        TopicSpec<byte[], byte[]> requests,
        TopicSpec<byte[], Translation> translations,
        TopicSpec<byte[], AttentionMap> attention,
        TopicSpec<byte[], byte[]> dlq) {

    public Topics {
        Objects.requireNonNull(requests, "requests");
        Objects.requireNonNull(translations, "translations");
        Objects.requireNonNull(attention, "attention");
        Objects.requireNonNull(dlq, "dlq");
        if (new HashSet<>(names(requests, translations, attention, dlq).all()).size() != 4) {
            throw new IllegalArgumentException("The four topics must have distinct names, got "
                    + names(requests, translations, attention, dlq));
        }
    }

    /** The topics named {@code names}, writing outputs with {@code serdes}. */
    public static Topics of(TopicNames names, GlimpseSerdes serdes) {
        Serde<byte[]> bytes = Serdes.ByteArray();
        return new Topics(
                new TopicSpec<>(names.requests(), bytes, bytes),
                new TopicSpec<>(names.translations(), bytes, serdes.translation()),
                new TopicSpec<>(names.attention(), bytes, serdes.attention()),
                new TopicSpec<>(names.dlq(), bytes, bytes));
    }

    public TopicNames names() {
        return names(requests, translations, attention, dlq);
    }

    private static TopicNames names(
            TopicSpec<?, ?> requests, TopicSpec<?, ?> translations, TopicSpec<?, ?> attention, TopicSpec<?, ?> dlq) {
        return new TopicNames(requests.name(), translations.name(), attention.name(), dlq.name());
    }
}
