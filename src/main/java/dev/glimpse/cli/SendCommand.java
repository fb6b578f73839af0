package dev.glimpse.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glimpse.config.GlimpseConfig;
import dev.glimpse.schema.TranslationRequest;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code glimpse send}: texts (arguments, a file or stdin) to the requests topic, as plain text, JSON or Avro. */
@Command(name = "send", mixinStandardHelpOptions = true,
        description = "Send texts to the requests topic (of the embedded default on localhost unless a cluster is given).")
public final class SendCommand implements Callable<Integer> {

    enum Format { PLAIN, JSON, AVRO }

    @Mixin
    ConfigOptions options;

    @Option(names = "--format", description = "plain, json or avro (default ${DEFAULT-VALUE}).", defaultValue = "json")
    String format;

    @Option(names = "--file", paramLabel = "FILE", description = "Send each line of FILE ('-' for stdin).")
    String file;

    @Option(names = "--id-prefix", description = "Give requests ids PREFIX-1, PREFIX-2, ... (json and avro; also the key).")
    String idPrefix;

    @Parameters(paramLabel = "TEXT", description = "Texts to send, one record each.")
    List<String> texts = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        Format fmt = Format.valueOf(format.trim().toUpperCase(java.util.Locale.ROOT));
        List<String> lines = new ArrayList<>(texts);
        if (file != null) {
            lines.addAll("-".equals(file)
                    ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).lines().toList()
                    : Files.readAllLines(Path.of(file), StandardCharsets.UTF_8));
        }
        lines.removeIf(String::isBlank);
        if (lines.isEmpty()) {
            System.err.println("Nothing to send: give texts as arguments or --file");
            return 2;
        }
        GlimpseConfig config = Connect.toRunningGlimpse(options.toConfig(System.getenv()));
        Clients clients = Clients.of(config);
        String topic = config.topics().requests();
        ObjectMapper json = new ObjectMapper();
        Serializer<TranslationRequest> avro = fmt == Format.AVRO ? clients.avroRequestSerializer() : null;
        try (KafkaProducer<byte[], byte[]> producer = clients.producer()) {
            for (int i = 0; i < lines.size(); i++) {
                String text = lines.get(i);
                String id = idPrefix == null ? null : idPrefix + "-" + (i + 1);
                byte[] value = switch (fmt) {
                    case PLAIN -> text.getBytes(StandardCharsets.UTF_8);
                    case JSON -> {
                        Map<String, String> request = new LinkedHashMap<>();
                        if (id != null) {
                            request.put("id", id);
                        }
                        request.put("text", text);
                        yield json.writeValueAsBytes(request);
                    }
                    case AVRO -> avro.serialize(topic, TranslationRequest.newBuilder().setId(id).setText(text).build());
                };
                byte[] key = id == null ? null : id.getBytes(StandardCharsets.UTF_8);
                producer.send(new ProducerRecord<>(topic, key, value));
            }
            producer.flush();
        }
        System.out.println("Sent " + lines.size() + " request(s) to " + topic + " at "
                + config.bootstrapServers().orElseThrow() + " as " + fmt.name().toLowerCase(java.util.Locale.ROOT));
        return 0;
    }
}
