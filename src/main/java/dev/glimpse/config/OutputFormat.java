package dev.glimpse.config;

import java.util.Locale;

/** How output values are written: Avro in the Confluent wire format, or JSON for registry-less consumers. */
public enum OutputFormat {
    AVRO,
    JSON;

    static OutputFormat parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("expected avro or json");
        }
    }
}
