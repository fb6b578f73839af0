package dev.glimpse.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glimpse.schema.TranslationRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A deterministic mix of requests: good ones in the three input formats (Avro, JSON, plain text),
 * and bad ones of every kind that must end in the dead letter topic. Every record has a unique key,
 * which the outputs keep, so each output can be matched to its request.
 */
public final class RequestMix {

    /** A request that must give one translation: its key and the text the model must return. */
    public record Good(String key, String text, String expected) {}

    private static final List<String> WORDS = List.of(
            "the", "cat", "sat", "on", "mat", "kafka", "stream", "record", "glimpse", "attention", "model",
            "word", "every", "reverse", "order", "keep", "space", "hello", "world", "exactly", "once", "topic",
            "broker", "data", "quick", "brown", "fox", "jumps", "over", "lazy", "dog", "Paris", "London", "42",
            "mat.", "yes!", "(note)", "well,", "one-two", "x");

    static final int TOO_LONG_LIMIT = 200;

    private final List<Good> good = new ArrayList<>();
    private final List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    private int bad;

    /**
     * @param topic the requests topic
     * @param goodCount how many good requests
     * @param badPerKind how many bad requests of each kind (7 kinds)
     * @param avro writes Avro requests (with a registry)
     */
    public RequestMix(String topic, int goodCount, int badPerKind, Serializer<TranslationRequest> avro, long seed) {
        Random random = new Random(seed);
        ObjectMapper json = new ObjectMapper();
        for (int i = 0; i < goodCount; i++) {
            String key = "key-" + i;
            String text = sentence(random);
            byte[] value = switch (i % 3) {
                case 0 -> avro.serialize(topic, TranslationRequest.newBuilder().setId("req-" + i).setText(text).build());
                case 1 -> json(json, Map.of("id", "req-" + i, "text", text));
                default -> text.getBytes(StandardCharsets.UTF_8);
            };
            good.add(new Good(key, text, ReversalRule.apply(text)));
            records.add(record(topic, key, value));
        }
        for (int j = 0; j < badPerKind; j++) {
            addBad(topic, "bad-empty-" + j, new byte[0]);
            addBad(topic, "bad-null-" + j, null);
            addBad(topic, "bad-blank-" + j, "   \t ".getBytes(StandardCharsets.UTF_8));
            addBad(topic, "bad-too-long-" + j, "ab ".repeat(TOO_LONG_LIMIT).getBytes(StandardCharsets.UTF_8));
            addBad(topic, "bad-utf8-" + j, new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF, 0x41});
            // Confluent wire format with a schema id no registry has.
            addBad(topic, "bad-schema-" + j, ByteBuffer.allocate(8).put((byte) 0).putInt(987_654_321).putShort((short) 2)
                    .put((byte) 'h').array());
            addBad(topic, "bad-json-" + j, json(json, Map.of("id", "x", "txt", "no text field")));
        }
        // Interleave the bad ones with the good ones, deterministically.
        java.util.Collections.shuffle(records, random);
    }

    private void addBad(String topic, String key, byte[] value) {
        records.add(record(topic, key, value));
        bad++;
    }

    private static ProducerRecord<byte[], byte[]> record(String topic, String key, byte[] value) {
        return new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value);
    }

    private static String sentence(Random random) {
        int words = 1 + random.nextInt(7);
        StringBuilder sb = new StringBuilder();
        for (int w = 0; w < words; w++) {
            if (w > 0) {
                sb.append(random.nextInt(10) == 0 ? "  " : " ");
            }
            sb.append(WORDS.get(random.nextInt(WORDS.size())));
        }
        return sb.toString();
    }

    private static byte[] json(ObjectMapper json, Map<String, String> fields) {
        try {
            return json.writeValueAsBytes(new LinkedHashMap<>(fields));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<Good> good() {
        return good;
    }

    public int badCount() {
        return bad;
    }

    public int size() {
        return records.size();
    }

    /** Sends records [from, to) of the mix and waits for the broker to acknowledge them. */
    public void send(KafkaProducer<byte[], byte[]> producer, int from, int to) {
        List<java.util.concurrent.Future<?>> acks = new ArrayList<>();
        for (ProducerRecord<byte[], byte[]> r : records.subList(from, to)) {
            acks.add(producer.send(r));
        }
        producer.flush();
        for (java.util.concurrent.Future<?> ack : acks) {
            try {
                ack.get();
            } catch (Exception e) {
                throw new IllegalStateException("A request was not written", e);
            }
        }
    }

    public void sendAll(KafkaProducer<byte[], byte[]> producer) {
        send(producer, 0, records.size());
    }
}
