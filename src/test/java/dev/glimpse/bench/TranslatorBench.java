package dev.glimpse.bench;

import dev.glimpse.model.OnnxTranslator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Engine throughput on one core: ONNX Runtime with one intra-op thread, one benchmark thread,
 * the fixed mixed-length sentences of bench/sentences.txt translated {@code batch} at a time.
 * JMH reports the sentences and characters (code points) counters as per-second rates.
 *
 * <pre>mvn -Pbench test-compile exec:exec -Dbench.args="TranslatorBench -f 1 -wi 2 -i 3"</pre>
 *
 * Another bundle: add {@code -p modelDir=/path/to/bundle} to the JMH arguments.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Threads(1)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 10)
public class TranslatorBench {

    @Param({"1", "8", "32"})
    int batch;

    @Param({""})
    String modelDir;

    private OnnxTranslator translator;
    private List<List<String>> batches;
    private long[] batchChars;
    private int next;

    /** Per-iteration totals that JMH turns into rates. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Rates {
        public long sentences;
        public long chars;

        @Setup(Level.Iteration)
        public void reset() {
            sentences = 0;
            chars = 0;
        }
    }

    @Setup
    public void load() {
        OnnxTranslator.Options options = new OnnxTranslator.Options(1, batch);
        translator = modelDir.isEmpty()
                ? OnnxTranslator.loadBundled(OnnxTranslator.DEFAULT_MODEL, options)
                : OnnxTranslator.load(Path.of(modelDir), options);
        List<String> sentences = BenchSentences.load();
        batches = new ArrayList<>();
        for (int from = 0; from + batch <= sentences.size(); from += batch) {
            batches.add(sentences.subList(from, from + batch));
        }
        batchChars = batches.stream().mapToLong(BenchSentences::codePoints).toArray();
    }

    @TearDown
    public void close() {
        translator.close();
    }

    @Benchmark
    public Object translate(Rates rates) {
        int i = next;
        next = (next + 1) % batches.size();
        List<String> texts = batches.get(i);
        Object out = batch == 1 ? translator.translate(texts.get(0)) : translator.translate(texts);
        rates.sentences += texts.size();
        rates.chars += batchChars[i];
        return out;
    }
}
