package dev.glimpse.bench;

import dev.glimpse.config.OutputFormat;
import dev.glimpse.config.TopicNames;
import dev.glimpse.stream.FakeTranslator;
import dev.glimpse.stream.GlimpseSerdes;
import dev.glimpse.stream.GlimpseTopology;
import dev.glimpse.stream.PipelineMetrics;
import dev.glimpse.stream.PipelineSettings;
import dev.glimpse.stream.StreamsConfigFactory;
import dev.glimpse.stream.Topics;
import dev.glimpse.stream.TopologySettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What the topology costs per record on top of the model: parsing, the attention summaries, building
 * and JSON-encoding both outputs, headers and metrics, with the word-reversing fake translator (a few
 * microseconds) in place of the model. Run in TopologyTestDriver, so no broker cost is included.
 *
 * <p>{@code mvn -Pbench test-compile exec:exec -Dbench.args="TopologyBench -f 1 -wi 2 -i 3"}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TopologyBench {

    @Param({"text", "json"})
    public String format;

    private TopologyTestDriver driver;
    private TestInputTopic<byte[], byte[]> requests;
    private TestOutputTopic<byte[], byte[]> translations;
    private TestOutputTopic<byte[], byte[]> attention;
    private byte[] key;
    private byte[] value;

    @Setup(Level.Trial)
    public void start() {
        TopicNames names = new TopicNames("in", "out", "att", "dlq");
        PipelineMetrics metrics = new PipelineMetrics(new SimpleMeterRegistry());
        PipelineSettings settings = PipelineSettings.defaults().withTopics(names).withOutputFormat(OutputFormat.JSON);
        GlimpseSerdes serdes = GlimpseSerdes.json();
        driver = new TopologyTestDriver(
                GlimpseTopology.build(TopologySettings.defaults(), Topics.of(names, serdes), new FakeTranslator(), metrics),
                StreamsConfigFactory.create(settings, Map.of("bootstrap.servers", "unused:9092"), metrics));
        requests = driver.createInputTopic("in", new ByteArraySerializer(), new ByteArraySerializer());
        translations = driver.createOutputTopic("out", new ByteArrayDeserializer(), new ByteArrayDeserializer());
        attention = driver.createOutputTopic("att", new ByteArrayDeserializer(), new ByteArrayDeserializer());
        String sentence = "the quick brown fox jumps over the lazy dog"; // 43 characters
        key = "k".getBytes(StandardCharsets.UTF_8);
        value = (format.equals("json") ? "{\"id\": \"bench\", \"text\": \"" + sentence + "\"}" : sentence)
                .getBytes(StandardCharsets.UTF_8);
    }

    @TearDown(Level.Trial)
    public void stop() {
        driver.close();
    }

    @Benchmark
    public byte[] translateOneRecord() {
        requests.pipeInput(key, value);
        attention.readValue();
        return translations.readValue();
    }
}
