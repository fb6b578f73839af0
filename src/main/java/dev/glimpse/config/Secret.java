package dev.glimpse.config;

/** A credential. Its {@code toString} never shows the value, so it cannot leak into a log line. */
public record Secret(String value) {

    public Secret {
        java.util.Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return "[hidden]";
    }
}
