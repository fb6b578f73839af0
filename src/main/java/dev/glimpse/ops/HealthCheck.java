package dev.glimpse.ops;

import dev.glimpse.model.ModelInfo;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * One named condition that the health endpoints report. The ops server depends on this interface
 * only, so it can be tested before (and without) a running pipeline.
 */
@FunctionalInterface
public interface HealthCheck {

    /** Evaluates the condition now; must be cheap and must not block (probes call it often). */
    Status check();

    /** Up once the supplier returns the loaded model's identity; down while it returns null. */
    static HealthCheck modelLoaded(Supplier<ModelInfo> loadedModel) {
        return () -> {
            ModelInfo info = loadedModel.get();
            return info == null
                    ? Status.down("model not loaded")
                    : Status.up("model " + info.name() + " " + info.version() + " loaded");
        };
    }

    /** Outcome of one check: whether it passes and, for a person reading the JSON, why. */
    record Status(boolean up, String detail) {
        public Status {
            Objects.requireNonNull(detail, "detail");
        }

        public static Status up(String detail) {
            return new Status(true, detail);
        }

        public static Status down(String detail) {
            return new Status(false, detail);
        }
    }
}
