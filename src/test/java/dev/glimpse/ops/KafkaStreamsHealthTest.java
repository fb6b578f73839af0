package dev.glimpse.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class KafkaStreamsHealthTest {

    @ParameterizedTest
    @EnumSource(value = State.class, names = {"RUNNING", "REBALANCING"})
    void shouldBeReadyWhileRunningOrRebalancing(State state) {
        assertThat(KafkaStreamsHealth.readiness(() -> state).check().up()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = State.class, names = {"CREATED", "PENDING_SHUTDOWN", "NOT_RUNNING", "PENDING_ERROR", "ERROR"})
    void shouldNotBeReadyInAnyOtherStateAndSayWhich(State state) {
        HealthCheck.Status status = KafkaStreamsHealth.readiness(() -> state).check();
        assertThat(status.up()).isFalse();
        assertThat(status.detail()).contains(state.name());
    }

    @ParameterizedTest
    @EnumSource(value = State.class, names = {"ERROR", "PENDING_ERROR", "NOT_RUNNING"})
    void shouldNotBeLiveOnceStreamsHasFailedOrStopped(State state) {
        assertThat(KafkaStreamsHealth.liveness(() -> state).check().up()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(value = State.class, names = {"CREATED", "REBALANCING", "RUNNING", "PENDING_SHUTDOWN"})
    void shouldStayLiveWhileStartingOrRebalancing(State state) {
        assertThat(KafkaStreamsHealth.liveness(() -> state).check().up()).isTrue();
    }

    @Test
    void shouldReportModelReadinessFromTheLoadedModel() {
        assertThat(HealthCheck.modelLoaded(() -> null).check().up()).isFalse();
        HealthCheck.Status loaded =
                HealthCheck.modelLoaded(() -> new dev.glimpse.model.ModelInfo("reverse", "3")).check();
        assertThat(loaded.up()).isTrue();
        assertThat(loaded.detail()).contains("reverse").contains("3");
    }
}
