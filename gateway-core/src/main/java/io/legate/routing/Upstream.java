package io.legate.routing;

/** Where a route sends its traffic: the parsed {@code service} of a Mapping. */
public record Upstream(String scheme, String host, int port) {

    public boolean secure() {
        return "https".equals(scheme);
    }

    /** The origin as an absolute URI prefix, e.g. {@code http://127.0.0.1:50051}. */
    public String origin() {
        String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return scheme + "://" + h + ":" + port;
    }
}
