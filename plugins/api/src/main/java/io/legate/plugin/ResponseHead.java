package io.legate.plugin;

/**
 * The status and headers of one response, before they are sent: the upstream's, or a reply the gateway makes
 * itself. Header names are case-insensitive.
 */
public interface ResponseHead {

    int status();

    /** Replaces the status; no effect once {@link #committed()}. */
    void setStatus(int status);

    /** The value of {@code name} (its first, for a repeated header), or null when absent. */
    String header(String name);

    /** Sets {@code name} to {@code value}, replacing its values; null removes it. No effect once committed. */
    void setHeader(String name, String value);

    /** Adds a value to {@code name}, keeping the ones it has. No effect once committed. */
    void addHeader(String name, String value);

    /** Whether the status and headers have been sent already (only the body and trailers can still change). */
    boolean committed();
}
