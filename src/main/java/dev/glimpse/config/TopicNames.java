package dev.glimpse.config;

import java.util.List;

/** Names of the four topics Glimpse reads and writes. */
public record TopicNames(String requests, String translations, String attention, String dlq) {

    public List<String> all() {
        return List.of(requests, translations, attention, dlq);
    }
}
