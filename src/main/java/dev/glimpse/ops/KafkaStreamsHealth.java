package dev.glimpse.ops;

import java.util.EnumSet;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Health checks derived from the Kafka Streams client state.
 *
 * <p>Readiness: RUNNING and REBALANCING are ready. A rebalance is a normal, transient state of a
 * healthy member (every scale-out, rolling restart or instance failure triggers one on all
 * members at once); reporting it as not ready would take every replica out of the Service at the
 * same moment and make a PodDisruptionBudget block voluntary evictions during each rebalance.
 * CREATED and the shutdown/error states are not ready.
 *
 * <p>Liveness: only a terminal failure (ERROR, or NOT_RUNNING/PENDING_ERROR that we did not ask
 * for) is not live, because only a restart can fix it; everything else is live so that a slow
 * start or a long rebalance never gets the process killed.
 */
public final class KafkaStreamsHealth {

    private static final Set<KafkaStreams.State> READY =
            EnumSet.of(KafkaStreams.State.RUNNING, KafkaStreams.State.REBALANCING);
    private static final Set<KafkaStreams.State> DEAD =
            EnumSet.of(KafkaStreams.State.ERROR, KafkaStreams.State.PENDING_ERROR, KafkaStreams.State.NOT_RUNNING);

    private KafkaStreamsHealth() {}

    /** Ready while Kafka Streams is RUNNING or REBALANCING. */
    public static HealthCheck readiness(Supplier<KafkaStreams.State> state) {
        return () -> {
            KafkaStreams.State s = state.get();
            return READY.contains(s)
                    ? HealthCheck.Status.up("kafka streams " + s)
                    : HealthCheck.Status.down("kafka streams " + s + " (ready when RUNNING or REBALANCING)");
        };
    }

    /** Live unless Kafka Streams has failed or stopped (a state only a restart fixes). */
    public static HealthCheck liveness(Supplier<KafkaStreams.State> state) {
        return () -> {
            KafkaStreams.State s = state.get();
            return DEAD.contains(s)
                    ? HealthCheck.Status.down("kafka streams " + s)
                    : HealthCheck.Status.up("kafka streams " + s);
        };
    }
}
