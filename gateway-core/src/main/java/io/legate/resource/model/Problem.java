package io.legate.resource.model;

/**
 * Something wrong with a resource file, named precisely enough to fix it.
 *
 * @param source   the file (or other origin) the resource came from
 * @param resource {@code Kind/name}, or {@code document N} when the document has no usable name;
 *                 null for a problem with the file as a whole
 * @param field    the field path, e.g. {@code spec.service}; null when the problem is not about one field
 */
public record Problem(Severity severity, String source, String resource, String field, String message) {

    public enum Severity {
        /** The resource (or, for a syntax error, the file) is skipped. */
        ERROR,
        /** The resource is loaded; the user should still look. */
        WARNING
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** E.g. {@code conf/resources/a.yaml: Mapping/grpc-py: spec.service: port "abc" is not a number (expected 1-65535)}. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(source);
        if (resource != null) {
            text.append(": ").append(resource);
        }
        if (field != null) {
            text.append(": ").append(field);
        }
        return text.append(": ").append(message).toString();
    }
}
