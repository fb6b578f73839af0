package dev.glimpse.it;

import dev.glimpse.config.GlimpseConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code glimpse run} in its own JVM, started from the test's classpath, so that a test can kill it
 * the hard way ({@code kill -9}: no shutdown hook, no close, no commit) as a crash would.
 */
final class ChildGlimpse implements AutoCloseable {

    private final Process process;
    private final Path log;

    private ChildGlimpse(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static ChildGlimpse run(GlimpseConfig config, Path log) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "dev.glimpse.Glimpse", "run",
                "--bootstrap-servers", config.bootstrapServers().orElseThrow(),
                "--registry-url", config.registryUrl().orElseThrow(),
                "--application-id", config.applicationId(),
                "--input-topic", config.topics().requests(),
                "--translations-topic", config.topics().translations(),
                "--attention-topic", config.topics().attention(),
                "--dlq-topic", config.topics().dlq(),
                "--partitions", String.valueOf(config.partitions()),
                "--max-text-chars", String.valueOf(config.maxTextChars()),
                "--http-port", "0"));
        config.kafkaProperties().forEach((key, value) -> {
            command.add("--kafka-property");
            command.add(key + "=" + value);
        });
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            return new ChildGlimpse(process, log);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start a Glimpse JVM", e);
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: the JVM gets no chance to close, flush or commit anything. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("The Glimpse JVM did not die");
        }
    }

    /** SIGTERM, then true when Glimpse logged its clean stop. */
    boolean stopGracefully() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("The Glimpse JVM did not stop within 60 s of SIGTERM; log: " + log);
        }
        return output().contains("Glimpse stopped");
    }

    String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
