package dev.glimpse.it;

import dev.glimpse.config.Setting;
import java.util.EnumMap;
import java.util.Map;

/**
 * Glimpse settings for one application on a shared cluster: its own application id, topics named
 * after it, no HTTP server. Tests and benchmarks add what they vary and load the config.
 */
public final class IsolatedConfig {

    private IsolatedConfig() {}

    public static Map<Setting, String> flags(String bootstrap, String registryUrl, String applicationId, int partitions) {
        Map<Setting, String> flags = new EnumMap<>(Setting.class);
        flags.put(Setting.BOOTSTRAP_SERVERS, bootstrap);
        flags.put(Setting.REGISTRY_URL, registryUrl);
        flags.put(Setting.APPLICATION_ID, applicationId);
        flags.put(Setting.INPUT_TOPIC, applicationId + ".requests");
        flags.put(Setting.TRANSLATIONS_TOPIC, applicationId + ".translations");
        flags.put(Setting.ATTENTION_TOPIC, applicationId + ".attention");
        flags.put(Setting.DLQ_TOPIC, applicationId + ".dlq");
        flags.put(Setting.PARTITIONS, String.valueOf(partitions));
        flags.put(Setting.HTTP_PORT, "0");
        return flags;
    }
}
