package dev.glimpse.registry;

/** An error answer of the embedded registry, rendered as Confluent's {@code {"error_code","message"}}. */
final class RestError extends RuntimeException {

    static final int SUBJECT_NOT_FOUND = 40401;
    static final int VERSION_NOT_FOUND = 40402;
    static final int SCHEMA_NOT_FOUND = 40403;
    static final int SUBJECT_SOFT_DELETED = 40404;
    static final int SUBJECT_NOT_SOFT_DELETED = 40405;
    static final int SUBJECT_COMPATIBILITY_NOT_CONFIGURED = 40408;
    static final int INCOMPATIBLE_SCHEMA = 409;
    static final int INVALID_SCHEMA = 42201;
    static final int INVALID_VERSION = 42202;
    static final int INVALID_COMPATIBILITY_LEVEL = 42203;

    private final int httpStatus;
    private final int errorCode;

    RestError(int httpStatus, int errorCode, String message) {
        super(message, null, false, false);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    int httpStatus() {
        return httpStatus;
    }

    int errorCode() {
        return errorCode;
    }

    static RestError subjectNotFound(String subject) {
        return new RestError(404, SUBJECT_NOT_FOUND, "Subject '" + subject + "' not found.");
    }

    static RestError versionNotFound(String subject, int version) {
        return new RestError(404, VERSION_NOT_FOUND, "Version " + version + " not found.");
    }

    static RestError schemaNotFound() {
        return new RestError(404, SCHEMA_NOT_FOUND, "Schema not found");
    }

    static RestError invalidSchema(String detail) {
        return new RestError(422, INVALID_SCHEMA, "Invalid schema " + detail);
    }

    static RestError invalidVersion(String version) {
        return new RestError(422, INVALID_VERSION, "The specified version '" + version + "' is not a valid version id. "
                + "Allowed values are between [1, 2^31-1] and the string \"latest\"");
    }
}
