package dev.glimpse.registry;

import java.util.List;
import org.apache.avro.Schema;

/**
 * A client of the Confluent Schema Registry REST API (Avro schemas only). Every method throws
 * {@link RegistryException} when the registry answers with an error or cannot be reached.
 *
 * <p>{@link #register}, {@link #lookup} and {@link #schemaById} are cached for the life of the client
 * (ids are immutable in a registry), so serializers and deserializers make no HTTP call after warm-up.
 */
public interface SchemaRegistryClient {

    /** Registers {@code schema} under {@code subject} (idempotent) and returns its global id. Cached. */
    int register(String subject, Schema schema);

    /** The version of {@code subject} holding {@code schema}; 40401/40403 when absent. Cached. */
    RegisteredSchema lookup(String subject, Schema schema);

    /** The schema with this global id; 40403 when unknown. Cached. */
    Schema schemaById(int id);

    /** The latest version of {@code subject}. Not cached: it changes when schemas evolve. */
    RegisteredSchema latestVersion(String subject);

    /** One version of {@code subject}. */
    RegisteredSchema version(String subject, int version);

    /** All subjects. */
    List<String> subjects();

    /** The versions of {@code subject}. */
    List<Integer> versions(String subject);

    /**
     * Whether {@code schema} may be registered as a successor of {@code version} ("latest" or a number)
     * under the subject's compatibility level.
     */
    boolean isCompatible(String subject, String version, Schema schema);

    /** The global compatibility level. */
    CompatibilityLevel globalCompatibility();

    /** Sets the global compatibility level. */
    void setGlobalCompatibility(CompatibilityLevel level);

    /** The subject's level, falling back to the global one when the subject has none. */
    CompatibilityLevel compatibility(String subject);

    /** Sets the subject's compatibility level. */
    void setCompatibility(String subject, CompatibilityLevel level);

    /** How many HTTP requests this client has sent (every attempt counts), for tests and benchmarks. */
    long httpCallCount();
}
