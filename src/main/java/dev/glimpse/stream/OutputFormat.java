package dev.glimpse.stream;

/** How Translation and AttentionMap values are written to the output topics. */
public enum OutputFormat {
    /** Avro in the Confluent wire format (magic byte, schema id, Avro binary); needs a registry. */
    AVRO,
    /** Plain JSON objects with the Avro field names, for consumers without a registry. */
    JSON
}
