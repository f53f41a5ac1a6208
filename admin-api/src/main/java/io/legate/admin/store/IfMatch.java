package io.legate.admin.store;

import java.util.List;

/**
 * The precondition of a write, from HTTP {@code If-Match}: the write goes ahead only when the stored resource
 * still has one of {@code versions} ({@code *}: when it exists at all). Prevents lost updates between writers.
 */
public record IfMatch(List<String> versions, boolean anyExisting) {

    /** No precondition. */
    public static final IfMatch NONE = new IfMatch(List.of(), false);

    public IfMatch {
        versions = List.copyOf(versions);
    }

    public boolean isSet() {
        return anyExisting || !versions.isEmpty();
    }

    boolean admits(StoredResource current) {
        return admits(current == null ? null : current.version());
    }

    /** Whether the write may go ahead over the stored {@code version}, null when nothing is stored. */
    public boolean admits(String version) {
        if (!isSet()) {
            return true;
        }
        return version != null && (anyExisting || versions.contains(version));
    }
}
