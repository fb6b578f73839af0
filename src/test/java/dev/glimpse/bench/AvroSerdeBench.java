package dev.glimpse.bench;

import dev.glimpse.registry.AvroSerde;
import dev.glimpse.registry.EmbeddedSchemaRegistry;
import dev.glimpse.registry.HttpSchemaRegistryClient;
import dev.glimpse.registry.RegistrySettings;
import dev.glimpse.registry.SampleRecords;
import dev.glimpse.schema.AttentionMap;
import dev.glimpse.schema.Translation;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The Confluent wire-format Avro serde against the embedded registry: serialize + deserialize of a
 * 100x100 AttentionMap (what every translated message costs on the attention topic), the parts alone,
 * and a Translation. At the end of each trial it prints the registry HTTP calls made after warm-up,
 * scaled per 10,000 records (must be 0: the caches carry the hot path).
 *
 * <p>The JIT needs several seconds before the 100x100 figures settle: on a loaded machine keep the
 * default 5 warm-up iterations.
 *
 * <pre>mvn -Pbench test-compile exec:exec -Dbench.args="AvroSerdeBench"</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 3)
public class AvroSerdeBench {

    private EmbeddedSchemaRegistry registry;
    private HttpSchemaRegistryClient writerClient;
    private HttpSchemaRegistryClient readerClient;
    private AvroSerde<AttentionMap> attentionWriter;
    private AvroSerde<AttentionMap> attentionReader;
    private AvroSerde<Translation> translationWriter;
    private AvroSerde<Translation> translationReader;
    private AttentionMap attention;
    private byte[] attentionBytes;
    private Translation translation;
    private long callsAfterWarmUp;
    private final AtomicLong records = new AtomicLong();

    @Setup(Level.Trial)
    public void start() {
        registry = EmbeddedSchemaRegistry.start("127.0.0.1", 0);
        RegistrySettings settings = RegistrySettings.of(registry.url());
        // separate clients: the reader must fetch writer schemas by id, as a consumer in another process would
        writerClient = new HttpSchemaRegistryClient(settings);
        readerClient = new HttpSchemaRegistryClient(settings);
        attentionWriter = AvroSerde.forType(AttentionMap.class, writerClient, settings, false);
        attentionReader = AvroSerde.forType(AttentionMap.class, readerClient, settings, false);
        translationWriter = AvroSerde.forType(Translation.class, writerClient, settings, false);
        translationReader = AvroSerde.forType(Translation.class, readerClient, settings, false);
        attention = SampleRecords.attention(100, 100);
        translation = SampleRecords.translation();
        // warm-up: one record of each type registers its schema and fetches it by id
        attentionBytes = attentionWriter.serializer().serialize("glimpse.attention", attention);
        attentionReader.deserializer().deserialize("glimpse.attention", attentionBytes);
        translationReader.deserializer().deserialize("glimpse.translations",
                translationWriter.serializer().serialize("glimpse.translations", translation));
        callsAfterWarmUp = httpCalls();
        System.out.printf("%n100x100 AttentionMap: %d bytes on the wire; warm-up HTTP calls: %d%n",
                attentionBytes.length, callsAfterWarmUp);
    }

    private long httpCalls() {
        return writerClient.httpCallCount() + readerClient.httpCallCount();
    }

    @TearDown(Level.Trial)
    public void stop() {
        long calls = httpCalls() - callsAfterWarmUp;
        long n = records.get();
        System.out.printf("%nregistry HTTP calls after warm-up: %d over %,d records = %.3f per 10,000 records"
                        + " (server saw %d requests in all)%n",
                calls, n, n == 0 ? 0.0 : calls * 10_000.0 / n, registry.requestCount());
        registry.close();
    }

    @Benchmark
    public AttentionMap attention100x100SerializeDeserialize() {
        records.incrementAndGet();
        byte[] bytes = attentionWriter.serializer().serialize("glimpse.attention", attention);
        return attentionReader.deserializer().deserialize("glimpse.attention", bytes);
    }

    @Benchmark
    public byte[] attention100x100Serialize() {
        records.incrementAndGet();
        return attentionWriter.serializer().serialize("glimpse.attention", attention);
    }

    @Benchmark
    public AttentionMap attention100x100Deserialize() {
        records.incrementAndGet();
        return attentionReader.deserializer().deserialize("glimpse.attention", attentionBytes);
    }

    @Benchmark
    public Translation translationSerializeDeserialize() {
        records.incrementAndGet();
        byte[] bytes = translationWriter.serializer().serialize("glimpse.translations", translation);
        return translationReader.deserializer().deserialize("glimpse.translations", bytes);
    }
}
