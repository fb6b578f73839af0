package dev.glimpse.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The pipeline contract on Apache Kafka's in-JVM KRaft test kit: runs everywhere, no Docker. */
class KraftTestKitPipelineIT extends PipelineContract {

    private static KraftTestKitEnvironment environment;

    @BeforeAll
    static void startCluster() {
        environment = KraftTestKitEnvironment.start();
    }

    @AfterAll
    static void stopCluster() {
        if (environment != null) {
            environment.close();
        }
    }

    @Override
    protected KafkaEnvironment environment() {
        return environment;
    }
}
