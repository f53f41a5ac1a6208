package io.legate.proxy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;

/** Trailers as the response filters see them and give them back: one value per lower-case name, in order. */
final class FilteredTrailers {

    private FilteredTrailers() {
    }

    /** A map the filters may change; empty for none. */
    static Map<String, String> of(HttpFields trailers) {
        Map<String, String> filtered = new LinkedHashMap<>();
        if (trailers != null) {
            for (HttpField field : trailers) {
                // Repeated names are joined with ',' as PROTOCOL-HTTP2.md allows, -bin values included.
                filtered.merge(field.getLowerCaseName(), field.getValue(), (a, b) -> a + "," + b);
            }
        }
        return filtered;
    }

    /** The trailers to send; null for none. */
    static HttpFields fields(Map<String, String> trailers) {
        if (trailers.isEmpty()) {
            return null;
        }
        HttpFields.Mutable fields = HttpFields.build(trailers.size());
        trailers.forEach(fields::put);
        return fields;
    }
}
