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
        StoreConfig store) {

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

    /** These settings with {@code other} limits. */
    public GatewayConfig withLimits(PeerLimits other) {
        return new GatewayConfig(bindAddress, httpPort, httpsPort, adminBindAddress, adminPort, resourcesDir, dataDir,
                pluginsDir, adminToken, other, store);
    }

    @Override
    public String toString() {
        // The token is a credential: never in a log line.
        return "GatewayConfig[bind=" + bindAddress + ", http=" + httpPort + ", https=" + httpsPort + ", admin="
                + adminBindAddress + ":" + adminPort + ", resources=" + resourcesDir + ", data=" + dataDir + ", plugins=" + pluginsDir
                + ", adminToken=" + (adminToken == null ? "none" : "set") + ", limits=" + limits + ", store=" + store + "]";
    }
}
