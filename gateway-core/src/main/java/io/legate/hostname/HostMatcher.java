package io.legate.hostname;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The host condition of a route, applied to {@code :authority} (or {@code Host}) exactly as sent:
 * a port is part of the authority, as in Envoy, so {@code api.example.com:443} does not match
 * {@code api.example.com}. Only {@link #ANY} matches a request without authority.
 */
public sealed interface HostMatcher {

    HostMatcher ANY = new Any();

    boolean matches(String authority);

    /** True unless this is {@link #ANY}; a host condition makes a route more specific. */
    default boolean constrains() {
        return true;
    }

    /**
     * Emissary's {@code hostname} glob, case-insensitive: {@code *}, {@code *.example.com} (any non-empty
     * prefix, so several labels too, as Envoy's wildcard domains), {@code api.*}, or an exact name.
     *
     * @throws IllegalArgumentException when {@code *} appears anywhere but at one end
     */
    static HostMatcher glob(String hostname) {
        if (hostname.equals("*")) {
            return ANY;
        }
        int star = hostname.indexOf('*');
        if (star < 0) {
            return new Exact(hostname.toLowerCase(Locale.ROOT));
        }
        if (star != hostname.lastIndexOf('*') || (star != 0 && star != hostname.length() - 1)) {
            throw new IllegalArgumentException("\"" + hostname + "\": '*' is only allowed as the first or last character");
        }
        String fixed = hostname.toLowerCase(Locale.ROOT).replace("*", "");
        return star == 0 ? new Suffix(fixed) : new Prefix(fixed);
    }

    /** The deprecated {@code host}: an exact, case-insensitive authority. */
    static HostMatcher exact(String host) {
        return new Exact(host.toLowerCase(Locale.ROOT));
    }

    /**
     * The deprecated {@code host} with {@code host_regex: true}: the regex must match the whole authority.
     *
     * @throws java.util.regex.PatternSyntaxException when {@code regex} is not a valid pattern
     */
    static HostMatcher regex(String regex) {
        return new Regex(Pattern.compile(regex));
    }

    record Any() implements HostMatcher {
        @Override
        public boolean matches(String authority) {
            return true;
        }

        @Override
        public boolean constrains() {
            return false;
        }
    }

    record Exact(String host) implements HostMatcher {
        @Override
        public boolean matches(String authority) {
            return authority != null && authority.equalsIgnoreCase(host);
        }
    }

    /** {@code *suffix}: the wildcard stands for at least one character. */
    record Suffix(String suffix) implements HostMatcher {
        @Override
        public boolean matches(String authority) {
            return authority != null
                    && authority.length() > suffix.length()
                    && authority.regionMatches(true, authority.length() - suffix.length(), suffix, 0, suffix.length());
        }
    }

    /** {@code prefix*}: the wildcard stands for at least one character. */
    record Prefix(String prefix) implements HostMatcher {
        @Override
        public boolean matches(String authority) {
            return authority != null
                    && authority.length() > prefix.length()
                    && authority.regionMatches(true, 0, prefix, 0, prefix.length());
        }
    }

    record Regex(Pattern pattern) implements HostMatcher {
        @Override
        public boolean matches(String authority) {
            return authority != null && pattern.matcher(authority).matches();
        }
    }
}
