package io.legate.proxy;

import io.legate.routing.HeaderValue;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.http.HttpFields;

import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * A Mapping's {@code remove_*_headers} then {@code add_*_headers}, on the upstream request or the reply; and the
 * headers plugins set on the upstream request.
 */
final class HeaderChanges {

    private HeaderChanges() {
    }

    static void apply(HttpFields.Mutable headers, List<String> remove, List<HeaderValue> add) {
        apply(headers::remove, headers::add, headers::put, remove, add);
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

    static void apply(HttpServletResponse response, List<String> remove, List<HeaderValue> add) {
        apply(name -> response.setHeader(name, null), response::addHeader, response::setHeader, remove, add);
    }

    private static void apply(Consumer<String> removeOne, BiConsumer<String, String> append, BiConsumer<String, String> replace,
                              List<String> remove, List<HeaderValue> add) {
        remove.forEach(removeOne);
        for (HeaderValue header : add) {
            (header.append() ? append : replace).accept(header.name(), header.value());
        }
    }
}
