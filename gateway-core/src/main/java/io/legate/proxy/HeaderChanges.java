package io.legate.proxy;

import io.legate.routing.HeaderValue;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpFields;

/**
 * A Mapping's {@code remove_*_headers} then {@code add_*_headers}, on the upstream request or the reply; and the
 * headers plugins set on the upstream request.
 */
final class HeaderChanges {

    private HeaderChanges() {
    }

    static void apply(HttpFields.Mutable headers, List<String> remove, List<HeaderValue> add) {
        remove.forEach(headers::remove);
        for (HeaderValue header : add) {
            if (header.append()) {
                headers.add(header.name(), header.value());
            } else {
                headers.put(header.name(), header.value());
            }
        }
    }

    /** Sets each of {@code changed} on {@code headers} (a null value removes); pseudo-headers are not headers. */
    static void apply(HttpFields.Mutable headers, Map<String, String> changed) {
        changed.forEach((name, value) -> {
            if (name.startsWith(":")) {
                return;
            }
            if (value == null) {
                headers.remove(name);
            } else {
                headers.put(name, value);
            }
        });
    }
}
