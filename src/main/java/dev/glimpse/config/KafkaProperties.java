package dev.glimpse.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Kafka client settings passed through to every client Glimpse makes (Streams, producer, consumer,
 * admin): security (SASL/SSL) and any tuning. Keys are checked against Kafka's own config
 * definitions, so a typo fails at start instead of being ignored with a warning.
 */
public final class KafkaProperties {

    /** Prefixes Kafka Streams accepts to aim a setting at one of its inner clients or its topics. */
    private static final List<String> CLIENT_PREFIXES = List.of(
            StreamsConfig.MAIN_CONSUMER_PREFIX, StreamsConfig.RESTORE_CONSUMER_PREFIX,
            StreamsConfig.GLOBAL_CONSUMER_PREFIX, StreamsConfig.CONSUMER_PREFIX,
            StreamsConfig.PRODUCER_PREFIX, StreamsConfig.ADMIN_CLIENT_PREFIX);

    /** Names that hold credentials even where Kafka does not type them as PASSWORD. */
    private static final Pattern SECRET_NAME =
            Pattern.compile(".*(password|secret|jaas|token|credentials|basic\\.auth\\.user\\.info).*");

    private static final String REDACTED = "[hidden]";

    private static final List<ConfigDef> CLIENT_DEFS = List.of(
            StreamsConfig.configDef(), ConsumerConfig.configDef(), ProducerConfig.configDef(),
            AdminClientConfig.configDef());

    private KafkaProperties() {}

    /** Kafka property names from GLIMPSE_KAFKA_* variables: GLIMPSE_KAFKA_SASL_MECHANISM is sasl.mechanism. */
    static Map<String, String> fromEnvironment(Map<String, String> env, Set<String> reservedVars) {
        Map<String, String> props = new TreeMap<>();
        env.forEach((name, value) -> {
            if (name.startsWith("GLIMPSE_KAFKA_") && !reservedVars.contains(name)) {
                String key = name.substring("GLIMPSE_KAFKA_".length()).toLowerCase(Locale.ROOT).replace('_', '.');
                props.put(key, value);
            }
        });
        return props;
    }

    /**
     * Problems with the given settings, one readable sentence each: unknown names and values Kafka
     * would reject. Empty when all is well.
     */
    static List<String> problems(Map<String, String> props) {
        List<String> problems = new ArrayList<>();
        props.forEach((name, value) -> {
            if (name.startsWith(StreamsConfig.TOPIC_PREFIX)) {
                // topic.* configures Streams' internal topics: any topic-level config name is allowed.
                if (!TopicConfigNames.ALL.contains(name.substring(StreamsConfig.TOPIC_PREFIX.length()))) {
                    problems.add("unknown topic setting '" + name + "'");
                }
                return;
            }
            Optional<ConfigDef.ConfigKey> key = definition(name);
            if (key.isEmpty()) {
                problems.add("unknown Kafka setting '" + name + "'" + suggestion(name));
                return;
            }
            try {
                Object parsed = ConfigDef.parseType(name, value, key.get().type);
                if (key.get().validator != null) {
                    key.get().validator.ensureValid(name, parsed);
                }
            } catch (ConfigException e) {
                problems.add("bad value for Kafka setting '" + name + "': "
                        + (isSecret(name) ? "(value hidden)" : e.getMessage()));
            }
        });
        return problems;
    }

    /** The same settings with every credential replaced by a placeholder: safe to print or log. */
    public static Map<String, String> redacted(Map<String, ?> props) {
        Map<String, String> out = new LinkedHashMap<>();
        props.forEach((name, value) -> out.put(name, isSecret(name) ? REDACTED : String.valueOf(value)));
        return out;
    }

    /** True for settings that carry credentials (Kafka PASSWORD type, or a credential-like name). */
    public static boolean isSecret(String name) {
        String bare = stripPrefix(name);
        Optional<ConfigDef.ConfigKey> key = definition(name);
        return (key.isPresent() && key.get().type == ConfigDef.Type.PASSWORD)
                || SECRET_NAME.matcher(bare.toLowerCase(Locale.ROOT)).matches();
    }

    private static Optional<ConfigDef.ConfigKey> definition(String name) {
        String bare = stripPrefix(name);
        for (ConfigDef def : CLIENT_DEFS) {
            ConfigDef.ConfigKey key = def.configKeys().get(bare);
            if (key != null) {
                return Optional.of(key);
            }
        }
        return Optional.empty();
    }

    private static String stripPrefix(String name) {
        for (String prefix : CLIENT_PREFIXES) {
            if (name.startsWith(prefix)) {
                return name.substring(prefix.length());
            }
        }
        return name;
    }

    private static String suggestion(String name) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (ConfigDef def : CLIENT_DEFS) {
            for (String known : def.names()) {
                int d = distance(stripPrefix(name), known);
                if (d < bestDistance) {
                    bestDistance = d;
                    best = known;
                }
            }
        }
        return best != null && bestDistance <= 3 ? " (did you mean '" + best + "'?)" : "";
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /** Topic-level config names, read from TopicConfig's constants. */
    private static final class TopicConfigNames {
        static final Set<String> ALL = collect();

        private static Set<String> collect() {
            Set<String> names = new java.util.HashSet<>();
            for (var field : TopicConfig.class.getFields()) {
                if (field.getName().endsWith("_CONFIG") && field.getType() == String.class) {
                    try {
                        names.add((String) field.get(null));
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
            return Set.copyOf(names);
        }
    }
}
