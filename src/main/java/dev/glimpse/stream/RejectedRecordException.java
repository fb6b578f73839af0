package dev.glimpse.stream;

import java.util.Objects;

/**
 * A record Glimpse cannot translate. Thrown inside the topology and turned into a dead letter by
 * {@link DeadLetterHandler}, which resumes processing with the next record.
 */
public final class RejectedRecordException extends RuntimeException {

    private final DlqReason reason;

    /** A rejection found by validation: no stack trace, as it would only bloat the DLQ headers. */
    public RejectedRecordException(DlqReason reason, String message) {
        super(message, null, false, false);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** A rejection caused by another failure, whose stack trace is kept for diagnosis. */
    public RejectedRecordException(DlqReason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public DlqReason reason() {
        return reason;
    }
}
