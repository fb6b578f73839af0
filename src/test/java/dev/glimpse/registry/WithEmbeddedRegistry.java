package dev.glimpse.registry;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * For tests against a real registry: a fresh embedded registry on a free port for each test, the
 * settings that point at it and a client, closed after the test.
 */
abstract class WithEmbeddedRegistry {

    protected EmbeddedSchemaRegistry registry;
    protected RegistrySettings settings;
    protected HttpSchemaRegistryClient client;

    @BeforeEach
    void startRegistry() {
        registry = EmbeddedSchemaRegistry.start("127.0.0.1", 0);
        settings = RegistrySettings.of(registry.url());
        client = new HttpSchemaRegistryClient(settings);
    }

    @AfterEach
    void stopRegistry() {
        registry.close();
    }
}
