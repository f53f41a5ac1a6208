package io.legate.plugins.headerrouting;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** What is wrong with a Mapping's {@code headers} and {@code regex_headers}, each problem naming its entry. */
final class HeaderRoutingProblems {

    private static final Set<String> PSEUDO_HEADERS = Set.of(":authority", ":method", ":path", ":scheme");
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    private final List<String> problems = new ArrayList<>();

    private HeaderRoutingProblems() {
    }

    static List<String> of(HeaderRoutingSettings settings) {
        HeaderRoutingProblems check = new HeaderRoutingProblems();
        settings.headers().forEach((name, value) -> check.exact("headers." + name, name, value));
        settings.regexHeaders().forEach((name, regex) -> check.regex("regex_headers." + name, name, regex));
        return List.copyOf(check.problems);
    }

    private void exact(String field, String name, Object value) {
        name(field, name);
        if (!(value instanceof String) && !Boolean.TRUE.equals(value)) {
            problems.add(field + ": " + value + " (expected: the exact value as a string, quoted if it looks like"
                    + " a number or a boolean, or true for \"present with any value\")");
        }
    }

    private void regex(String field, String name, String regex) {
        name(field, name);
        if (regex == null) {
            problems.add(field + ": no regular expression");
            return;
        }
        try {
            Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            problems.add(field + ": \"" + regex + "\" is not a valid regular expression: " + e.getDescription()
                    + " near index " + e.getIndex());
        }
    }

    private void name(String field, String name) {
        if (name.startsWith(":") ? !PSEUDO_HEADERS.contains(name) : !TOKEN.matcher(name).matches()) {
            problems.add(field + ": \"" + name + "\" is not a header name (expected: a token such as x-version,"
                    + " or one of the pseudo-headers :authority, :method, :path, :scheme)");
        }
    }
}
