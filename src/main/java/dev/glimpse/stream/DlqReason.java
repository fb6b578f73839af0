package dev.glimpse.stream;

import java.util.Locale;

/** Why a request went to the dead letter queue; written in the {@code glimpse.error.reason} header. */
public enum DlqReason {
    /** Bytes that are neither valid UTF-8 nor a decodable Avro record (corrupt wire format). */
    UNDECODABLE,
    /** Avro wire format whose schema id the registry does not know (or no registry configured). */
    UNKNOWN_SCHEMA,
    /** Avro wire format whose writer schema cannot be read as a TranslationRequest. */
    INCOMPATIBLE_SCHEMA,
    /** Null (tombstone) or zero-length value. */
    EMPTY,
    /** Text that is only whitespace: nothing to translate. */
    BLANK,
    /** Text longer than the configured hard limit. */
    TOO_LONG,
    /** A JSON object that is not a request (no string "text", or an id/attributes of the wrong type). */
    INVALID_REQUEST,
    /** The translator threw (or returned an inconsistent result) for this record. */
    INFERENCE_FAILED,
    /** The attention map would exceed the output record size limit (see {@link TopologySettings}). */
    OUTPUT_TOO_LARGE;

    /** The header and metric tag value, e.g. {@code too_long}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
