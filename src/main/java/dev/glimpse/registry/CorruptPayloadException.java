package dev.glimpse.registry;

/**
 * The bytes are shorter than the 5-byte header, or the Avro body does not decode with the writer schema
 * (truncated, bytes left over, out-of-range union index, enum symbol or length...).
 */
public final class CorruptPayloadException extends WireFormatException {

    private final int schemaId;

    /**
     * @param schemaId the id from the header, or -1 when the header itself is incomplete
     */
    public CorruptPayloadException(int schemaId, String message, Throwable cause) {
        super(message, cause);
        this.schemaId = schemaId;
    }

    /** The schema id from the header, or -1 when the header was incomplete. */
    public int schemaId() {
        return schemaId;
    }

    @Override
    public String reason() {
        return "CORRUPT_PAYLOAD";
    }
}
