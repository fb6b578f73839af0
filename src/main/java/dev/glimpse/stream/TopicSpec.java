package dev.glimpse.stream;

import java.util.Objects;
import java.util.regex.Pattern;
import org.apache.kafka.common.serialization.Serde;

/**
 * A topic's name together with the serdes its records are written and read with, so the two can
 * never be mixed up between producers, the topology and consumers.
 */
public record TopicSpec<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde) {

    // Kafka's rule for topic names: 1-249 characters of [a-zA-Z0-9._-], not "." or "..".
    private static final Pattern LEGAL = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    public TopicSpec {
        Objects.requireNonNull(name, "name");
        if (!LEGAL.matcher(name).matches() || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException(
                    "Illegal topic name '" + name + "': use 1-249 characters of a-z A-Z 0-9 . _ -");
        }
        Objects.requireNonNull(keySerde, "keySerde");
        Objects.requireNonNull(valueSerde, "valueSerde");
    }
}
