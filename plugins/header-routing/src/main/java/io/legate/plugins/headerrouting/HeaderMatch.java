package io.legate.plugins.headerrouting;

import io.legate.plugin.RequestHead;

import java.util.function.Predicate;
import java.util.regex.Pattern;

/** One header condition: the header is present and its value passes a test. Immutable, so thread-safe. */
final class HeaderMatch {

    private final String name;
    private final Predicate<String> test;
    private final String description;

    private HeaderMatch(String name, Predicate<String> test, String description) {
        this.name = name;
        this.test = test;
        this.description = description;
    }

    /** The value is {@code value}, to the letter (Envoy's {@code exact_match}). */
    static HeaderMatch exact(String name, String value) {
        return new HeaderMatch(name, value::equals, name + ": " + value);
    }

    /** Any value (Emissary's {@code true}, Envoy's {@code present_match}). */
    static HeaderMatch present(String name) {
        return new HeaderMatch(name, value -> true, name + " present");
    }

    /** The whole value matches {@code regex} (Envoy's {@code safe_regex}); compiled here, once. */
    static HeaderMatch regex(String name, String regex) {
        Pattern pattern = Pattern.compile(regex);
        return new HeaderMatch(name, value -> pattern.matcher(value).matches(), name + " ~ " + regex);
    }

    boolean matches(RequestHead request) {
        String value = request.header(name);
        return value != null && test.test(value);
    }

    @Override
    public String toString() {
        return description;
    }
}
