package dev.glimpse.stream;

/** How a request arrived on the input topic. */
public enum RequestFormat {
    /** Avro TranslationRequest in the Confluent wire format. */
    AVRO,
    /** A JSON object {@code {"id": ..., "text": ..., "attributes": {...}}}. */
    JSON,
    /** Anything else that is valid UTF-8: the whole value is the text. */
    TEXT
}
