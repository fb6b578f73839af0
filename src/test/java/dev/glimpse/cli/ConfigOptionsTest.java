package dev.glimpse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glimpse.config.GlimpseConfig;
import dev.glimpse.config.Setting;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ConfigOptionsTest {

    @Test
    void shouldOfferAFlagForEverySettingAndPassItsValueOn() {
        ConfigOptions options = new ConfigOptions();
        CommandLine cli = new CommandLine(options);
        List<String> args = new ArrayList<>();
        for (Setting setting : Setting.values()) {
            assertThat(cli.getCommandSpec().findOption(setting.flag())).as(setting.flag()).isNotNull();
            args.add(setting.flag());
            args.add("value-of-" + setting.name());
        }
        cli.parseArgs(args.toArray(String[]::new));

        Map<Setting, String> flags = options.flags();
        for (Setting setting : Setting.values()) {
            assertThat(flags).containsEntry(setting, "value-of-" + setting.name());
        }
    }

    @Test
    void shouldPassRepeatedKafkaPropertiesThrough() {
        ConfigOptions options = new ConfigOptions();
        new CommandLine(options).parseArgs("--bootstrap-servers", "b:9092",
                "--kafka-property", "security.protocol=SASL_SSL", "--kafka-property", "sasl.mechanism=PLAIN");

        GlimpseConfig config = options.toConfig(Map.of());

        assertThat(config.kafkaProperties())
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "PLAIN");
    }

    @Test
    void shouldExitWithAClearMessageAndCode2OnABadSetting() {
        StringWriter err = new StringWriter();
        int code = new CommandLine(new dev.glimpse.Glimpse())
                .setExecutionExceptionHandler(StartupErrors::handle)
                .setErr(new PrintWriter(err))
                .execute("run", "--partitions", "many", "--kafka-property", "sasl.mechansim=PLAIN",
                        "--bootstrap-servers", "localhost:1");

        assertThat(code).isEqualTo(StartupErrors.CONFIG_ERROR);
        assertThat(err.toString())
                .contains("--partitions: 'many' is not a whole number")
                .contains("did you mean 'sasl.mechanism'")
                .doesNotContain("Exception", "\tat ");
    }
}
