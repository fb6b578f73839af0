package dev.glimpse;

import dev.glimpse.cli.TranslateCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Command-line entry point: one subcommand per runtime shape (see README). */
@Command(
        name = "glimpse",
        mixinStandardHelpOptions = true,
        version = "glimpse 0.1.0",
        description = "Streaming translation on Kafka with an ONNX attention encoder-decoder.",
        subcommands = {TranslateCommand.class})
public final class Glimpse implements Runnable {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Glimpse()).execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
