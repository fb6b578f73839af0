package dev.glimpse.registry;

/**
 * The record was written with a registered schema that cannot be resolved into the reader's schema
 * (for example a different record type on the topic, or a field removed without a default).
 */
public final class IncompatibleWriterSchemaException extends WireFormatException {

    private final int schemaId;

    public IncompatibleWriterSchemaException(int schemaId, String message) {
        super(message, null);
        this.schemaId = schemaId;
    }

    public int schemaId() {
        return schemaId;
    }

    @Override
    public String reason() {
        return "INCOMPATIBLE_WRITER_SCHEMA";
    }
}
