package dev.glimpse.registry;

/**
 * Confluent's wire format: magic byte 0, the schema id as a 4-byte big-endian int, then the Avro binary
 * encoding of the value. Every Confluent-format producer and consumer agrees on these five bytes.
 */
public final class WireFormat {

    public static final byte MAGIC_BYTE = 0;
    public static final int HEADER_SIZE = 5;

    private WireFormat() {}

    /** Writes the 5-byte header into {@code out[0..4]}. */
    public static void writeHeader(byte[] out, int schemaId) {
        out[0] = MAGIC_BYTE;
        out[1] = (byte) (schemaId >>> 24);
        out[2] = (byte) (schemaId >>> 16);
        out[3] = (byte) (schemaId >>> 8);
        out[4] = (byte) schemaId;
    }

    /**
     * The schema id of a wire-format payload, after checking length and magic byte.
     *
     * @throws CorruptPayloadException    when there are fewer than 5 bytes (an empty value included)
     * @throws UnknownMagicByteException  when the first byte is not 0
     */
    public static int schemaId(byte[] payload) {
        if (payload.length == 0) {
            throw new CorruptPayloadException(-1, "empty payload: a Confluent wire-format record has at least "
                    + HEADER_SIZE + " bytes", null);
        }
        if (payload[0] != MAGIC_BYTE) {
            throw new UnknownMagicByteException(payload[0]);
        }
        if (payload.length < HEADER_SIZE) {
            throw new CorruptPayloadException(-1, "truncated header: " + payload.length
                    + " bytes, a Confluent wire-format record has at least " + HEADER_SIZE, null);
        }
        return ((payload[1] & 0xff) << 24) | ((payload[2] & 0xff) << 16) | ((payload[3] & 0xff) << 8)
                | (payload[4] & 0xff);
    }
}
