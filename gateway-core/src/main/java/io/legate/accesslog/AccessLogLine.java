package io.legate.accesslog;

import io.legate.metrics.RequestMeter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;

/**
 * One call of the access log as one JSON object, keys always in this order:
 *
 * <pre>
 * {"time":"2026-01-02T03:04:05.678Z","client":"10.0.0.9:53211","authority":"api.example.com","method":"POST",
 *  "path":"/helloworld.Greeter/SayHello","mapping":"greeter","upstream":"10.0.0.7:50051","status":200,
 *  "grpc_status":0,"request_bytes":12,"response_bytes":18,"duration_ms":0.912,
 *  "request_id":"...","trace_id":"4bf92f3577b34da6a3ce929d0e0e4736"}
 * </pre>
 *
 * {@code mapping}, {@code upstream} and {@code grpc_status} are null when the call had none; {@code request_id}
 * and {@code trace_id} are there only when the request carried {@code x-request-id} / a valid
 * {@code traceparent}. Written by hand rather than through Jackson: the line is built on the request's thread, and
 * the few value kinds need only string escaping.
 */
final class AccessLogLine {

    private static final DateTimeFormatter SECONDS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    /** {@code version-traceid-parentid-flags}: 2, 32, 16 and 2 hex digits (W3C Trace Context). */
    private static final int TRACEPARENT_LENGTH = 55;

    /**
     * The time down to the second, formatted once per second: the formatter took about 1 us per line, a third of
     * the line's cost.
     */
    private static volatile Second second = new Second(Long.MIN_VALUE, "");

    private record Second(long epochSecond, String text) {
    }

    private AccessLogLine() {
    }

    static String of(RequestMeter call) {
        Request request = call.request();
        HttpFields headers = request.getHeaders();
        StringBuilder line = new StringBuilder(320);
        line.append("{\"time\":\"");
        time(line, Request.getTimeStamp(request));
        line.append("\",\"client\":\"");
        escaped(line, Request.getRemoteAddr(request));
        line.append(':').append(Request.getRemotePort(request)).append('"');
        line.append(",\"authority\":");
        String host = headers.get(HttpHeader.HOST);
        string(line, host != null ? host : request.getHttpURI().getAuthority());
        line.append(",\"method\":");
        string(line, request.getMethod());
        line.append(",\"path\":");
        string(line, request.getHttpURI().getPathQuery());
        line.append(",\"mapping\":");
        string(line, call.mapping().isEmpty() ? null : call.mapping());
        line.append(",\"upstream\":");
        string(line, call.upstreamEndpoint());
        line.append(",\"status\":").append(call.httpStatus());
        line.append(",\"grpc_status\":");
        if (call.grpcStatusCode() < 0) {
            line.append("null");
        } else {
            line.append(call.grpcStatusCode());
        }
        line.append(",\"request_bytes\":").append(call.requestBytes());
        line.append(",\"response_bytes\":").append(call.responseBytes());
        line.append(",\"duration_ms\":");
        millis(line, call.durationNanos());
        String requestId = headers.get("x-request-id");
        if (requestId != null) {
            line.append(",\"request_id\":");
            string(line, requestId);
        }
        String traceId = traceId(headers.get("traceparent"));
        if (traceId != null) {
            line.append(",\"trace_id\":\"").append(traceId).append('"');
        }
        return line.append('}').toString();
    }

    /** The 32 hex digits of the trace id of a {@code traceparent}; null when it is not one. */
    static String traceId(String traceparent) {
        if (traceparent == null || traceparent.length() < TRACEPARENT_LENGTH || traceparent.charAt(2) != '-'
                || traceparent.charAt(35) != '-') {
            return null;
        }
        for (int i = 3; i < 35; i++) {
            char c = traceparent.charAt(i);
            if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
                return null;
            }
        }
        return traceparent.substring(3, 35);
    }

    /** {@code 2026-01-02T03:04:05.678Z}. */
    static void time(StringBuilder line, long epochMillis) {
        long epochSecond = Math.floorDiv(epochMillis, 1000);
        Second cached = second;
        if (cached.epochSecond() != epochSecond) {
            cached = new Second(epochSecond, SECONDS.format(Instant.ofEpochSecond(epochSecond)));
            second = cached;
        }
        int millis = (int) Math.floorMod(epochMillis, 1000);
        line.append(cached.text()).append('.')
                .append((char) ('0' + millis / 100)).append((char) ('0' + millis / 10 % 10)).append((char) ('0' + millis % 10))
                .append('Z');
    }

    /** Milliseconds with three decimals (microseconds). */
    private static void millis(StringBuilder line, long nanos) {
        long micros = nanos / 1000;
        line.append(micros / 1000).append('.');
        long fraction = micros % 1000;
        if (fraction < 100) {
            line.append('0');
        }
        if (fraction < 10) {
            line.append('0');
        }
        line.append(fraction);
    }

    /** A JSON string, or null. */
    private static void string(StringBuilder line, String value) {
        if (value == null) {
            line.append("null");
            return;
        }
        line.append('"');
        escaped(line, value);
        line.append('"');
    }

    /**
     * Control characters, quotes and backslashes escaped, the rest as it is. Values seldom hold any: those are
     * appended whole rather than a character at a time.
     */
    private static void escaped(StringBuilder line, String value) {
        int clean = 0;
        while (clean < value.length() && !needsEscape(value.charAt(clean))) {
            clean++;
        }
        if (clean == value.length()) {
            line.append(value);
            return;
        }
        line.append(value, 0, clean);
        for (int i = clean; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                line.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f) {
                line.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
            } else {
                line.append(c);
            }
        }
    }

    private static boolean needsEscape(char c) {
        return c == '"' || c == '\\' || c < 0x20 || c == 0x7f;
    }
}
