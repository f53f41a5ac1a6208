package io.legate.plugins.headerrouting;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Mapping's header conditions, as Emissary spells them; header names are case-insensitive and may be the
 * pseudo-headers {@code :authority}, {@code :method}, {@code :path} and {@code :scheme}.
 *
 * @param headers      name → the exact value (a string), or {@code true}: the header is present with any value
 * @param regexHeaders name → a regular expression the whole value must match
 */
public record HeaderRoutingSettings(Map<String, Object> headers, Map<String, String> regexHeaders) {

    public HeaderRoutingSettings {
        // Copied keeping null values and the order written: validation reports the nulls, by name and in order.
        headers = headers == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        regexHeaders = regexHeaders == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(regexHeaders));
    }

    /** How many conditions these settings make. */
    int count() {
        return headers.size() + regexHeaders.size();
    }
}
