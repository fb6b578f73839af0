package dev.glimpse.registry;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.Decoder;
import org.apache.avro.util.Utf8;

/**
 * Avro binary decoder that refuses lengths and item counts larger than the payload. Avro allocates a
 * string, bytes or array of the length a record claims before reading it, so five corrupt bytes could
 * otherwise make a consumer allocate gigabytes. Every item of Glimpse's schemas takes at least one byte,
 * so a genuine count or length can never exceed the payload size. (Arrays of zero-byte items such as
 * {@code null}, longer than the payload, would be refused: no Glimpse schema has them.)
 */
final class BoundedDecoder extends Decoder {

    private final BinaryDecoder in;
    private final long limit;

    BoundedDecoder(BinaryDecoder in, long limit) {
        this.in = in;
        this.limit = limit;
    }

    private long check(long count, String what) throws IOException {
        if (count < 0 || count > limit) {
            throw new IOException(what + " " + count + " is impossible in a payload of " + limit + " bytes");
        }
        return count;
    }

    @Override
    public void readNull() throws IOException {
        in.readNull();
    }

    @Override
    public boolean readBoolean() throws IOException {
        return in.readBoolean();
    }

    @Override
    public int readInt() throws IOException {
        return in.readInt();
    }

    @Override
    public long readLong() throws IOException {
        return in.readLong();
    }

    @Override
    public float readFloat() throws IOException {
        return in.readFloat();
    }

    @Override
    public double readDouble() throws IOException {
        return in.readDouble();
    }

    @Override
    public Utf8 readString(Utf8 old) throws IOException {
        int length = (int) check(in.readLong(), "string length");
        Utf8 result = old != null ? old : new Utf8();
        result.setByteLength(length);
        if (length > 0) {
            in.readFixed(result.getBytes(), 0, length);
        }
        return result;
    }

    @Override
    public String readString() throws IOException {
        return readString(null).toString();
    }

    @Override
    public void skipString() throws IOException {
        in.skipString();
    }

    @Override
    public ByteBuffer readBytes(ByteBuffer old) throws IOException {
        int length = (int) check(in.readLong(), "bytes length");
        byte[] bytes = new byte[length];
        in.readFixed(bytes, 0, length);
        return ByteBuffer.wrap(bytes);
    }

    @Override
    public void skipBytes() throws IOException {
        in.skipBytes();
    }

    @Override
    public void readFixed(byte[] bytes, int start, int length) throws IOException {
        in.readFixed(bytes, start, length);
    }

    @Override
    public void skipFixed(int length) throws IOException {
        in.skipFixed(length);
    }

    @Override
    public int readEnum() throws IOException {
        return in.readEnum();
    }

    @Override
    public long readArrayStart() throws IOException {
        return check(in.readArrayStart(), "array block of");
    }

    @Override
    public long arrayNext() throws IOException {
        return check(in.arrayNext(), "array block of");
    }

    @Override
    public long skipArray() throws IOException {
        return in.skipArray();
    }

    @Override
    public long readMapStart() throws IOException {
        return check(in.readMapStart(), "map block of");
    }

    @Override
    public long mapNext() throws IOException {
        return check(in.mapNext(), "map block of");
    }

    @Override
    public long skipMap() throws IOException {
        return in.skipMap();
    }

    @Override
    public int readIndex() throws IOException {
        return in.readIndex();
    }
}
