package dev.glimpse.stream;

import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;

/**
 * A topic's name together with the serdes its records are written and read with, so the two can
 * never be mixed up between producers, the topology and consumers.
 */
public record TopicSpec<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde) {

    public TopicSpec {
        TopicNames.requireValidName(name);
        Objects.requireNonNull(keySerde, "keySerde");
        Objects.requireNonNull(valueSerde, "valueSerde");
    }
}
