package io.legate.server;

import io.legate.config.GatewayConfig;

/** Starts a gateway from its configuration: loads resources, builds the route table, opens the listeners. */
public final class Launcher {

    private Launcher() {
    }

    /** Loads {@code config.resourcesDir()}, logs every problem by file and field, and starts serving. */
    public static LegateServer start(GatewayConfig config) throws Exception {
        throw new UnsupportedOperationException("TODO");
    }
}
