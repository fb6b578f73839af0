package dev.glimpse.registry;

import java.util.Locale;

/** The Schema Registry compatibility levels, with Confluent's names and meaning. */
public enum CompatibilityLevel {
    NONE(false, false, false),
    /** A new schema can read data written with the latest registered one (registry default). */
    BACKWARD(true, false, false),
    BACKWARD_TRANSITIVE(true, false, true),
    /** Data written with a new schema can be read with the latest registered one. */
    FORWARD(false, true, false),
    FORWARD_TRANSITIVE(false, true, true),
    FULL(true, true, false),
    FULL_TRANSITIVE(true, true, true);

    private final boolean backward;
    private final boolean forward;
    private final boolean transitive;

    CompatibilityLevel(boolean backward, boolean forward, boolean transitive) {
        this.backward = backward;
        this.forward = forward;
        this.transitive = transitive;
    }

    /** The new schema (reader) must read data written with the existing ones. */
    public boolean backward() {
        return backward;
    }

    /** The existing schemas (readers) must read data written with the new one. */
    public boolean forward() {
        return forward;
    }

    /** Checked against every existing version, not only the latest. */
    public boolean transitive() {
        return transitive;
    }

    /** Parses a level name case-insensitively; {@link IllegalArgumentException} for unknown names. */
    public static CompatibilityLevel parse(String name) {
        if (name == null) {
            throw new IllegalArgumentException("compatibility level is missing");
        }
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown compatibility level '" + name + "'", e);
        }
    }
}
