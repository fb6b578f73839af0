package dev.glimpse.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The pipeline contract on the {@code apache/kafka} and {@code confluentinc/cp-schema-registry}
 * images. Skipped, with that reason in the report, where no Docker engine is available.
 */
@Testcontainers(disabledWithoutDocker = true)
class ContainersPipelineIT extends PipelineContract {

    private static ContainersEnvironment environment;

    @BeforeAll
    static void startContainers() {
        environment = ContainersEnvironment.start();
    }

    @AfterAll
    static void stopContainers() {
        if (environment != null) {
            environment.close();
        }
    }

    @Override
    protected KafkaEnvironment environment() {
        return environment;
    }
}
