package io.legate.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sizes ({@code 16384}, {@code "16KiB"}, {@code "1MiB"}) and durations ({@code "500ms"}, {@code "10s"}, {@code "5m"}). */
final class Quantities {

    private static final Pattern AMOUNT = Pattern.compile("(\\d{1,12})\\s*([a-z]*)");

    private Quantities() {
    }

    static long bytes(String origin, JsonNode value, long min, long max) throws ConfigException {
        long bytes = amount(origin, value, "a size such as 16384 or \"16KiB\"", unit -> switch (unit) {
            case "", "b" -> 1L;
            case "kib" -> 1024L;
            case "mib" -> 1024L * 1024;
            default -> -1L;
        });
        return inRange(origin, bytes, min, max, "bytes");
    }

    static long millis(String origin, JsonNode value, long min, long max) throws ConfigException {
        long ms = amount(origin, value, "a duration such as \"500ms\", \"10s\" or \"5m\"", unit -> switch (unit) {
            case "ms" -> 1L;
            case "s" -> 1000L;
            case "m" -> 60_000L;
            case "h" -> 3_600_000L;
            default -> -1L;
        });
        return inRange(origin, ms, min, max, "ms");
    }

    static long count(String origin, JsonNode value, long min, long max) throws ConfigException {
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new ConfigException(origin, value + " is not a whole number (expected: " + min + ".." + max + ")");
        }
        return inRange(origin, value.longValue(), min, max, "");
    }

    private interface Units {
        long scale(String unit);
    }

    /** A number and its unit, as text; a bare number (YAML integer) is taken as unit "". */
    private static long amount(String origin, JsonNode value, String expected, Units units) throws ConfigException {
        String text = value.isIntegralNumber() || value.isTextual() ? value.asText().strip().toLowerCase(Locale.ROOT) : "";
        Matcher m = AMOUNT.matcher(text);
        long scale = m.matches() ? units.scale(m.group(2)) : -1;
        if (scale < 0) {
            throw new ConfigException(origin, value + " is not " + expected);
        }
        return Math.multiplyExact(Long.parseLong(m.group(1)), scale);
    }

    private static long inRange(String origin, long amount, long min, long max, String unit) throws ConfigException {
        if (amount < min || amount > max) {
            String u = unit.isEmpty() ? "" : " " + unit;
            throw new ConfigException(origin, amount + u + " is out of range (expected: " + min + ".." + max + u + ")");
        }
        return amount;
    }
}
