package io.legate.config;

/** Ports given on the command line; null where not given. They win over the environment and the file. */
public record PortOverrides(Integer httpPort, Integer httpsPort, Integer adminPort) {

    public static final PortOverrides NONE = new PortOverrides(null, null, null);
}
