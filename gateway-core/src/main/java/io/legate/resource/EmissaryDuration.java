package io.legate.resource;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as Emissary takes them in {@code health_checks} and {@code retry_policy}: Go's {@code time.Duration}
 * text, one or more numbers each with a unit ({@code "10s"}, {@code "1.5s"}, {@code "100ms"}, {@code "1m30s"}),
 * or a bare {@code "0"}. Read to whole milliseconds, rounding a fraction of one up so that it never reads as none.
 */
final class EmissaryDuration {

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|ms|s|m|h)");
    private static final String EXPECTED = "a duration such as \"10s\", \"1.5s\" or \"100ms\"";

    private EmissaryDuration() {
    }

    /** The milliseconds of {@code field}, or {@code absent} when it is not there; an error and -1 when it is bad. */
    static long millis(SpecFields f, String field, long absent) {
        if (f.present(field) == null) {
            return absent;
        }
        String text = f.string(field);
        if (text == null) {
            return -1;
        }
        long ms = parse(text.strip());
        if (ms < 0) {
            f.error(field, "\"" + text + "\" is not " + EXPECTED);
        }
        return ms;
    }

    /** The milliseconds of {@code text}, or -1 when it is not a duration. */
    static long parse(String text) {
        if (text.equals("0")) {
            return 0;
        }
        Matcher part = PART.matcher(text);
        BigDecimal nanos = BigDecimal.ZERO;
        int end = 0;
        while (part.find() && part.start() == end) {
            nanos = nanos.add(new BigDecimal(part.group(1)).multiply(BigDecimal.valueOf(nanosPer(part.group(2)))));
            end = part.end();
        }
        if (end == 0 || end != text.length()) {
            return -1;
        }
        BigDecimal ms = nanos.divide(BigDecimal.valueOf(1_000_000), 0, RoundingMode.CEILING);
        return ms.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0 ? -1 : ms.longValue();
    }

    private static long nanosPer(String unit) {
        return switch (unit) {
            case "ns" -> 1L;
            case "us", "µs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            default -> 3_600_000_000_000L;
        };
    }
}
