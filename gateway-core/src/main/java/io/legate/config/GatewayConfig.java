package io.legate.config;

import java.nio.file.Path;

/**
 * Gateway settings from {@code conf/legate.yaml}, after environment and command-line overrides.
 * A port of 0 binds an ephemeral port (tests).
 *
 * @param pluginsDir third-party plugin jars ({@code plugins_dir}); null for the class path's plugins only
 * @param adminToken the bearer token every admin API call must carry ({@code admin.token}, or the content of
 *                   {@code admin.token_file}); null when the admin API is open to whoever reaches its port
 * @param limits     what callers and upstreams may send and hold ({@code limits:})
 * @param store      where the admin API keeps resources ({@code store:})
 * @param callers    how callers' HTTP/2 connections are held ({@code listeners.max_concurrent_streams},
 *                   {@code listeners.max_connection_age})
 * @param accessLog  the file each call is logged to, one JSON object per line ({@code access_log.path}); null
 *                   when off
 */
public record GatewayConfig(
        String bindAddress,
        int httpPort,
        int httpsPort,
        String adminBindAddress,
        int adminPort,
        Path resourcesDir,
        Path dataDir,
        Path pluginsDir,
        String adminToken,
        PeerLimits limits,
        StoreConfig store,
        CallerConnections callers,
        Path accessLog) {

    /** Settings without an admin token nor a plugins directory, with the default limits. */
    public GatewayConfig(String bindAddress, int httpPort, int httpsPort, String adminBindAddress, int adminPort,
                         Path resourcesDir, Path dataDir) {
        this(bindAddress, httpPort, httpsPort, adminBindAddress, adminPort, resourcesDir, dataDir, null, null);
    }

    /** Settings with the default limits and the file store. */
    public GatewayConfig(String bindAddress, int httpPort, int httpsPort, String adminBindAddress, int adminPort,
                         Path resourcesDir, Path dataDir, Path pluginsDir, String adminToken) {
        this(bindAddress, httpPort, httpsPort, adminBindAddress, adminPort, resourcesDir, dataDir, pluginsDir, adminToken,
                PeerLimits.defaults(), StoreConfig.FILE);
    }

    /** Settings with the default HTTP/2 connection settings and no access log. */
    public GatewayConfig(String bindAddress, int httpPort, int httpsPort, String adminBindAddress, int adminPort,
                         Path resourcesDir, Path dataDir, Path pluginsDir, String adminToken, PeerLimits limits,
                         StoreConfig store) {
        this(bindAddress, httpPort, httpsPort, adminBindAddress, adminPort, resourcesDir, dataDir, pluginsDir, adminToken,
                limits, store, CallerConnections.DEFAULTS, null);
    }

    /** These settings with {@code other} limits. */
    public GatewayConfig withLimits(PeerLimits other) {
        return new GatewayConfig(bindAddress, httpPort, httpsPort, adminBindAddress, adminPort, resourcesDir, dataDir,
                pluginsDir, adminToken, other, store, callers, accessLog);
    }

    /** These settings with callers' connections held as {@code other} says. */
    public GatewayConfig withCallers(CallerConnections other) {
        return new GatewayConfig(bindAddress, httpPort, httpsPort, adminBindAddress, adminPort, resourcesDir, dataDir,
                pluginsDir, adminToken, limits, store, other, accessLog);
    }

    /** These settings with each call logged to {@code file} (null: no access log). */
    public GatewayConfig withAccessLog(Path file) {
        return new GatewayConfig(bindAddress, httpPort, httpsPort, adminBindAddress, adminPort, resourcesDir, dataDir,
                pluginsDir, adminToken, limits, store, callers, file);
    }

    @Override
    public String toString() {
        // The token is a credential: never in a log line.
        return "GatewayConfig[bind=" + bindAddress + ", http=" + httpPort + ", https=" + httpsPort + ", admin="
                + adminBindAddress + ":" + adminPort + ", resources=" + resourcesDir + ", data=" + dataDir + ", plugins=" + pluginsDir
                + ", adminToken=" + (adminToken == null ? "none" : "set") + ", limits=" + limits + ", store=" + store + ", callers=" + callers + ", accessLog=" + accessLog + "]";
    }
}
