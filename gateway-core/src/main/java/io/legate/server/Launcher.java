package io.legate.server;

import io.legate.config.GatewayConfig;
import io.legate.resource.LoadResult;
import io.legate.resource.Problem;
import io.legate.resource.ResourceLoader;
import io.legate.resource.RouteTableFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts a gateway from its configuration: loads resources, builds the route table, opens the listeners. */
public final class Launcher {

    private static final Logger LOG = LoggerFactory.getLogger(Launcher.class);

    private Launcher() {
    }

    /**
     * Loads {@code config.resourcesDir()}, logs every problem by file and field, and starts serving what is valid:
     * a bad file or resource never keeps the others from loading.
     */
    public static LegateServer start(GatewayConfig config) throws Exception {
        LoadResult loaded = new ResourceLoader().loadDirectory(config.resourcesDir());
        for (Problem problem : loaded.problems()) {
            if (problem.severity() == Problem.Severity.ERROR) {
                LOG.error("{} (skipped)", problem);
            } else {
                LOG.warn("{}", problem);
            }
        }
        LegateServer server = new LegateServer(config, RouteTableFactory.build(loaded.resources()));
        server.start();
        LOG.info("Legate serving {} routes from {} on {}:{}", server.routes().routes().size(), config.resourcesDir(),
                config.bindAddress(), server.httpPort());
        return server;
    }
}
