package dev.glimpse.bench;

import dev.glimpse.model.OnnxTranslator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Native-leak check, run once by hand (not a test: it takes minutes): translates the benchmark
 * sentences one call at a time, N times in all (default 100,000), and prints the process's resident
 * memory (VmRSS from /proc/self/status) every tenth of the way. Flat after warm-up means no leak
 * per translation (tensors, results, session state).
 *
 * <pre>java -cp target/test-classes:target/classes:$(cat cp.txt) dev.glimpse.bench.ResidentMemoryCheck 100000</pre>
 */
public final class ResidentMemoryCheck {

    private ResidentMemoryCheck() {}

    public static void main(String[] args) throws IOException {
        int total = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        List<String> sentences = BenchSentences.load();
        System.out.printf("before load: VmRSS %d kB%n", residentKilobytes());
        try (OnnxTranslator translator = args.length > 1
                ? OnnxTranslator.load(Path.of(args[1]))
                : OnnxTranslator.loadBundled(OnnxTranslator.DEFAULT_MODEL)) {
            System.out.printf("after load: VmRSS %d kB%n", residentKilobytes());
            long start = System.nanoTime();
            long checksum = 0;
            for (int i = 1; i <= total; i++) {
                checksum += translator.translate(sentences.get(i % sentences.size())).targetTokens().size();
                if (i % (total / 10) == 0) {
                    System.out.printf("%,d translations: VmRSS %d kB, heap used %d kB, %.1f s%n", i,
                            residentKilobytes(), usedHeapKilobytes(), (System.nanoTime() - start) / 1e9);
                }
            }
            System.out.println("output tokens: " + checksum);
        }
        System.out.printf("after close: VmRSS %d kB%n", residentKilobytes());
    }

    static long residentKilobytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("/proc/self/status has no VmRSS");
    }

    private static long usedHeapKilobytes() {
        Runtime runtime = Runtime.getRuntime();
        return (runtime.totalMemory() - runtime.freeMemory()) / 1024;
    }
}
