package io.legate.routing;

import java.util.regex.Pattern;

/** The path condition of a route: Emissary's {@code prefix}, {@code prefix_exact} or {@code prefix_regex}. Case-sensitive. */
public sealed interface PathMatcher {

    boolean matches(String path);

    /** The {@code prefix} as written in the Mapping; its length orders routes. */
    String text();

    static PathMatcher prefix(String prefix) {
        return new Prefix(prefix);
    }

    static PathMatcher exact(String path) {
        return new Exact(path);
    }

    /** @throws java.util.regex.PatternSyntaxException when {@code regex} is not a valid pattern */
    static PathMatcher regex(String regex) {
        return new Regex(Pattern.compile(regex));
    }

    record Prefix(String text) implements PathMatcher {
        @Override
        public boolean matches(String path) {
            return path.startsWith(text);
        }
    }

    record Exact(String text) implements PathMatcher {
        @Override
        public boolean matches(String path) {
            return path.equals(text);
        }
    }

    /** Matches the whole path, as Envoy's {@code safe_regex}. */
    record Regex(Pattern pattern) implements PathMatcher {
        @Override
        public boolean matches(String path) {
            return pattern.matcher(path).matches();
        }

        @Override
        public String text() {
            return pattern.pattern();
        }
    }
}
