package io.legate.routing;

import java.util.regex.Pattern;

/** How a matched path becomes the upstream path: Emissary's {@code rewrite} and {@code regex_rewrite}. */
public sealed interface PathRewrite {

    PathRewrite KEEP = new Keep();

    String apply(String path);

    /**
     * {@code rewrite} on a {@code prefix} route: the matched prefix is replaced. When the replacement ends
     * with {@code /} and the rest of the path starts with one, only one is kept, so {@code rewrite: /} on
     * prefix {@code /foo} sends {@code /foo/bar} as {@code /bar}, not {@code //bar}.
     */
    static PathRewrite replacePrefix(String prefix, String replacement) {
        return prefix.equals(replacement) ? KEEP : new ReplacePrefix(prefix, replacement);
    }

    /** {@code rewrite} on a {@code prefix_exact} or {@code prefix_regex} route: Envoy swaps the whole path. */
    static PathRewrite replacePath(String replacement) {
        return new ReplacePath(replacement);
    }

    /**
     * {@code regex_rewrite}: every match of {@code pattern} is replaced. The substitution uses Envoy's
     * (RE2) syntax, {@code \1} for a group and {@code \\} for a backslash, translated here to Java's.
     *
     * @throws java.util.regex.PatternSyntaxException when {@code pattern} is not a valid pattern
     */
    static PathRewrite regex(String pattern, String substitution) {
        return new RegexReplace(Pattern.compile(pattern), substitution, javaReplacement(substitution));
    }

    private static String javaReplacement(String envoy) {
        StringBuilder java = new StringBuilder(envoy.length() + 4);
        for (int i = 0; i < envoy.length(); i++) {
            char c = envoy.charAt(i);
            char next = i + 1 < envoy.length() ? envoy.charAt(i + 1) : 0;
            if (c == '\\' && next >= '0' && next <= '9') {
                java.append('$').append(next);
                i++;
            } else if (c == '\\' && next == '\\') {
                java.append("\\\\");
                i++;
            } else if (c == '\\' || c == '$') {
                java.append('\\').append(c);
            } else {
                java.append(c);
            }
        }
        return java.toString();
    }

    record Keep() implements PathRewrite {
        @Override
        public String apply(String path) {
            return path;
        }
    }

    record ReplacePrefix(String prefix, String replacement) implements PathRewrite {
        @Override
        public String apply(String path) {
            int rest = prefix.length();
            if (replacement.endsWith("/") && path.startsWith("/", rest)) {
                rest++;
            }
            return new StringBuilder(replacement.length() + path.length() - rest)
                    .append(replacement).append(path, rest, path.length()).toString();
        }
    }

    record ReplacePath(String replacement) implements PathRewrite {
        @Override
        public String apply(String path) {
            return replacement;
        }
    }

    /** @param substitution as written in the Mapping; {@code replacement} is its Java form */
    record RegexReplace(Pattern pattern, String substitution, String replacement) implements PathRewrite {
        @Override
        public String apply(String path) {
            return pattern.matcher(path).replaceAll(replacement);
        }
    }
}
