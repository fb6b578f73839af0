package dev.glimpse;

import dev.glimpse.cli.DemoCommand;
import dev.glimpse.cli.RunCommand;
import dev.glimpse.cli.SendCommand;
import dev.glimpse.cli.StartupErrors;
import dev.glimpse.cli.TailCommand;
import dev.glimpse.cli.TranslateCommand;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Command-line entry point: one subcommand per runtime shape (see README). */
@Command(
        name = "glimpse",
        mixinStandardHelpOptions = true,
        version = "glimpse 0.1.0",
        description = "Streaming translation on Kafka with an ONNX attention encoder-decoder.",
        subcommands = {RunCommand.class, DemoCommand.class, TranslateCommand.class, SendCommand.class,
                TailCommand.class})
public final class Glimpse implements Runnable {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // A thread that dies of an exception nobody handles is logged, never silent.
        Thread.setDefaultUncaughtExceptionHandler((thread, error) -> LoggerFactory.getLogger(Glimpse.class)
                .error("Uncaught exception in thread {}", thread.getName(), error));
        System.exit(new CommandLine(new Glimpse())
                .setExecutionExceptionHandler(StartupErrors::handle)
                .execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
