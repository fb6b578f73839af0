package dev.glimpse.registry;

/** The first byte is not Confluent's magic byte 0: the value is not in the Confluent wire format. */
public final class UnknownMagicByteException extends WireFormatException {

    private final byte magicByte;

    public UnknownMagicByteException(byte magicByte) {
        super(String.format("unknown magic byte 0x%02x (expected 0x00): not a Confluent wire-format record",
                magicByte & 0xff), null);
        this.magicByte = magicByte;
    }

    public byte magicByte() {
        return magicByte;
    }

    @Override
    public String reason() {
        return "UNKNOWN_MAGIC_BYTE";
    }
}
