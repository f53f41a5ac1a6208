package io.legate.admin.api;

import io.legate.admin.store.IfMatch;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.ArrayList;
import java.util.List;

/** {@code If-Match} (RFC 9110 §13.1.1) as the store's precondition. */
final class Preconditions {

    private Preconditions() {
    }

    /**
     * {@code *}, or a list of entity tags. Comparison is strong, so a weak tag ({@code W/"…"}) never matches:
     * it is kept with its {@code W/} for that reason rather than dropped, which would lift the precondition.
     */
    static IfMatch ifMatch(HttpHeaders headers) {
        List<String> values = headers.getRequestHeader(HttpHeaders.IF_MATCH);
        if (values == null || values.isEmpty()) {
            return IfMatch.NONE;
        }
        List<String> versions = new ArrayList<>();
        boolean any = false;
        for (String value : values) {
            for (String tag : value.split(",")) {
                String trimmed = tag.strip();
                if (trimmed.equals("*")) {
                    any = true;
                } else if (trimmed.length() >= 2 && trimmed.startsWith("\"") && trimmed.endsWith("\"")) {
                    versions.add(trimmed.substring(1, trimmed.length() - 1));
                } else if (!trimmed.isEmpty()) {
                    versions.add(trimmed);
                }
            }
        }
        return new IfMatch(versions, any);
    }
}
