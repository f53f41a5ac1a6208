package io.legate.plugins.grpcweb;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A {@code cors} policy in its typed form: lists of names, and {@code max_age} as a number (null when not set).
 *
 * @param origins the allowed origins, lower-cased; {@code *} allows any. As in Emissary, each is compared whole
 *                with the caller's {@code Origin}, so one that is not {@code scheme://host[:port]} allows no page
 */
public record CorsPolicy(List<String> origins, List<String> methods, List<String> headers, boolean credentials,
                         List<String> exposedHeaders, Long maxAge) {

    public CorsPolicy {
        origins = origins.stream().map(origin -> origin.toLowerCase(Locale.ROOT)).toList();
        methods = List.copyOf(methods);
        headers = List.copyOf(headers);
        exposedHeaders = List.copyOf(exposedHeaders);
    }

    /** The policy {@code settings} describe; call {@link #problems} first. */
    public static CorsPolicy of(CorsSettings settings) {
        return new CorsPolicy(names(settings.origins()), names(settings.methods()), names(settings.headers()),
                settings.credentials(), names(settings.exposedHeaders()), seconds(settings.maxAge()));
    }

    /** What is wrong with {@code settings}, each problem naming its field under {@code cors.}. */
    public static List<String> problems(CorsSettings settings) {
        List<String> problems = new ArrayList<>();
        checkNames("origins", settings.origins(), problems);
        checkNames("methods", settings.methods(), problems);
        checkNames("headers", settings.headers(), problems);
        checkNames("exposed_headers", settings.exposedHeaders(), problems);
        Object maxAge = settings.maxAge();
        if (maxAge != null) {
            Long seconds = seconds(maxAge);
            if (seconds == null) {
                problems.add("cors.max_age: \"" + maxAge + "\" (expected: a whole number of seconds)");
            } else if (seconds < 0) {
                problems.add("cors.max_age: " + seconds + " (expected: >= 0)");
            }
        }
        return problems;
    }

    /** Whether a page from {@code origin} may use the reply. */
    public boolean allows(String origin) {
        return origins.contains("*") || origins.contains(origin.toLowerCase(Locale.ROOT));
    }

    /** {@code Access-Control-Allow-Origin} for {@code origin}: {@code *} cannot go with credentials. */
    public String allowOrigin(String origin) {
        return origins.contains("*") && !credentials ? "*" : origin;
    }

    private static void checkNames(String field, Object value, List<String> problems) {
        if (value == null || value instanceof String) {
            return;
        }
        if (value instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
            return;
        }
        problems.add("cors." + field + ": " + value + " (expected: a list of strings or a comma-separated string)");
    }

    /** A list of strings, or one string of comma-separated names, as a list of trimmed, non-empty names. */
    static List<String> names(Object value) {
        List<?> items = value instanceof List<?> list ? list : value == null ? List.of() : List.of(value);
        List<String> names = new ArrayList<>();
        for (Object item : items) {
            for (String name : item.toString().split(",")) {
                if (!name.isBlank()) {
                    names.add(name.trim());
                }
            }
        }
        return names;
    }

    private static Long seconds(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Number number) {
            return number.longValue() == number.doubleValue() ? number.longValue() : null;
        }
        try {
            return Long.parseLong(value.toString().trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
