package dev.glimpse.registry;

/** The schema id in the record's header is not known to the Schema Registry (40403). */
public final class UnknownSchemaIdException extends WireFormatException {

    private final int schemaId;

    public UnknownSchemaIdException(int schemaId, Throwable cause) {
        super("schema id " + schemaId + " is not known to the schema registry", cause);
        this.schemaId = schemaId;
    }

    public int schemaId() {
        return schemaId;
    }

    @Override
    public String reason() {
        return "UNKNOWN_SCHEMA_ID";
    }
}
