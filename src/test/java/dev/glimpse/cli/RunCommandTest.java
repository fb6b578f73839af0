package dev.glimpse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glimpse.Glimpse;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RunCommandTest {

    @Test
    void shouldStopWithAClearMessageBeforeStartingAnythingWhenTheModelCannotBeUsed(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("model.json"), "{\"name\": \"broken\"}");
        StringWriter err = new StringWriter();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            code = new CommandLine(new Glimpse())
                    .setExecutionExceptionHandler(StartupErrors::handle)
                    .setErr(new PrintWriter(err))
                    .execute("run", "--model-dir", dir.toString(), "--embedded-kafka-port", "0",
                            "--embedded-registry-port", "0", "--http-port", "0");
        } finally {
            System.setOut(stdout);
        }

        assertThat(code).isEqualTo(StartupErrors.FAILURE);
        assertThat(err.toString()).contains("the model cannot be used, nothing was consumed").contains(dir.toString());
        assertThat(out.toString(StandardCharsets.UTF_8)).as("no broker was started").doesNotContain("embedded Kafka broker");
    }
}
