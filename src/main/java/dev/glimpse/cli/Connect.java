package dev.glimpse.cli;

import dev.glimpse.config.GlimpseConfig;

/** Where {@code send} and {@code tail} connect when no cluster is configured. */
final class Connect {

    private Connect() {}

    /**
     * The configured cluster, or else the addresses a {@code glimpse run} in the embedded default
     * listens on, so that the two work together without flags.
     */
    static GlimpseConfig toRunningGlimpse(GlimpseConfig config) {
        if (!config.embedded()) {
            return config;
        }
        return config.withCluster(config.embeddedHost() + ":" + config.embeddedKafkaPort(),
                config.registryUrl().orElse("http://" + config.embeddedHost() + ":" + config.embeddedRegistryPort()));
    }
}
