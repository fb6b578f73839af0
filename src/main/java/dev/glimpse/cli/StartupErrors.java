package dev.glimpse.cli;

import dev.glimpse.config.InvalidConfigException;
import dev.glimpse.embedded.EmbeddedKafkaException;
import dev.glimpse.model.ModelLoadException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * Turns the errors a person can fix (configuration, model, ports) into one clear message and an
 * exit code, instead of a stack trace; anything else is logged in full.
 */
public final class StartupErrors {

    /** Exit code for a configuration the person must fix (picocli uses 2 for bad usage too). */
    public static final int CONFIG_ERROR = 2;
    public static final int FAILURE = 1;

    private static final Logger log = LoggerFactory.getLogger(StartupErrors.class);

    private StartupErrors() {}

    public static int handle(Exception error, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        if (error instanceof InvalidConfigException) {
            commandLine.getErr().println("glimpse: " + error.getMessage());
            return CONFIG_ERROR;
        }
        if (error instanceof ModelLoadException) {
            commandLine.getErr().println("glimpse: the model cannot be used, nothing was consumed: " + error.getMessage());
            return FAILURE;
        }
        if (error instanceof EmbeddedKafkaException) {
            commandLine.getErr().println("glimpse: " + error.getMessage());
            return FAILURE;
        }
        log.error("glimpse {} failed", commandLine.getCommandName(), error);
        return FAILURE;
    }
}
