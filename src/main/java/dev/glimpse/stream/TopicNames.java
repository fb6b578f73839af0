package dev.glimpse.stream;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The names of Glimpse's four topics. Each is overridable; they must be distinct legal Kafka topic
 * names.
 */
public record TopicNames(String requests, String translations, String attention, String dlq) {

    public static final String DEFAULT_REQUESTS = "glimpse.requests";
    public static final String DEFAULT_TRANSLATIONS = "glimpse.translations";
    public static final String DEFAULT_ATTENTION = "glimpse.attention";
    public static final String DEFAULT_DLQ = "glimpse.dlq";

    // Kafka's own rule (org.apache.kafka.common.internals.Topic): 1-249 chars of [a-zA-Z0-9._-].
    private static final Pattern LEGAL = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    public TopicNames {
        requireValidName(requests);
        requireValidName(translations);
        requireValidName(attention);
        requireValidName(dlq);
        if (new HashSet<>(List.of(requests, translations, attention, dlq)).size() != 4) {
            throw new IllegalArgumentException(
                    "Topic names must be distinct, got requests=" + requests + ", translations="
                            + translations + ", attention=" + attention + ", dlq=" + dlq);
        }
    }

    public static TopicNames defaults() {
        return new TopicNames(DEFAULT_REQUESTS, DEFAULT_TRANSLATIONS, DEFAULT_ATTENTION, DEFAULT_DLQ);
    }

    public TopicNames withRequests(String name) {
        return new TopicNames(name, translations, attention, dlq);
    }

    public TopicNames withTranslations(String name) {
        return new TopicNames(requests, name, attention, dlq);
    }

    public TopicNames withAttention(String name) {
        return new TopicNames(requests, translations, name, dlq);
    }

    public TopicNames withDlq(String name) {
        return new TopicNames(requests, translations, attention, name);
    }

    /** All four, input first. */
    public List<String> all() {
        return List.of(requests, translations, attention, dlq);
    }

    static String requireValidName(String name) {
        Objects.requireNonNull(name, "topic name");
        if (!LEGAL.matcher(name).matches() || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException(
                    "Illegal topic name '" + name + "': use 1-249 characters of a-z A-Z 0-9 . _ -");
        }
        return name;
    }
}
