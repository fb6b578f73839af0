package dev.glimpse.registry;

import java.util.List;
import org.apache.avro.Schema;

/**
 * A registry client fake for byte-level tests: every schema registered or looked up gets the same id,
 * and that id resolves to the last schema registered. Everything else is unsupported.
 */
final class FixedIdRegistryClient implements SchemaRegistryClient {

    private final int id;
    private volatile Schema schema;

    FixedIdRegistryClient(int id) {
        this.id = id;
    }

    @Override
    public int register(String subject, Schema schema) {
        this.schema = schema;
        return id;
    }

    @Override
    public RegisteredSchema lookup(String subject, Schema schema) {
        this.schema = schema;
        return new RegisteredSchema(subject, 1, id, schema);
    }

    @Override
    public Schema schemaById(int requested) {
        if (requested != id || schema == null) {
            throw new RegistryException(404, 40403, "Schema not found");
        }
        return schema;
    }

    @Override
    public RegisteredSchema latestVersion(String subject) {
        throw new UnsupportedOperationException();
    }

    @Override
    public RegisteredSchema version(String subject, int version) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<String> subjects() {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<Integer> versions(String subject) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean isCompatible(String subject, String version, Schema schema) {
        throw new UnsupportedOperationException();
    }

    @Override
    public CompatibilityLevel globalCompatibility() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void setGlobalCompatibility(CompatibilityLevel level) {
        throw new UnsupportedOperationException();
    }

    @Override
    public CompatibilityLevel compatibility(String subject) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void setCompatibility(String subject, CompatibilityLevel level) {
        throw new UnsupportedOperationException();
    }

    @Override
    public long httpCallCount() {
        return 0;
    }
}
