package io.legate.server;

import io.legate.config.GatewayConfig;
import io.legate.pluginhost.PluginRegistry;
import io.legate.resource.LoadResult;
import io.legate.resource.model.Problem;
import io.legate.resource.ResourceLoader;
import io.legate.proxy.UpstreamSettings;
import io.legate.snapshot.GatewaySnapshot;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts a gateway from its configuration: loads resources, starts the extensions, opens the listeners. */
public final class Launcher {

    private static final Logger LOG = LoggerFactory.getLogger(Launcher.class);

    private Launcher() {
    }

    /**
     * Loads {@code config.resourcesDir()}, logs every problem by file and field, starts every
     * {@link GatewayExtension} on the class path and serves what is valid: a bad file or resource never keeps the
     * others from loading.
     */
    public static RunningGateway start(GatewayConfig config) throws Exception {
        List<Problem> broken = new ArrayList<>();
        List<GatewayExtension> extensions = discover(broken);
        return start(config, extensions, broken);
    }

    /** As {@link #start(GatewayConfig)}, with the extensions given rather than discovered. */
    public static RunningGateway start(GatewayConfig config, List<GatewayExtension> extensions) throws Exception {
        return start(config, extensions, List.of());
    }

    private static RunningGateway start(GatewayConfig config, List<GatewayExtension> extensions, List<Problem> broken)
            throws Exception {
        PluginRegistry plugins = PluginRegistry.load(config.pluginsDir());
        plugins.log();
        LoadResult loaded = ResourceLoader.tolerant(plugins).loadDirectory(config.resourcesDir());
        for (Problem problem : loaded.problems()) {
            if (problem.severity() == Problem.Severity.ERROR) {
                LOG.error("{} (skipped)", problem);
            } else {
                LOG.warn("{}", problem);
            }
        }
        LegateServer server = new LegateServer(config, GatewaySnapshot.of(loaded.resources(), plugins),
                ListenerSettings.defaults(), UpstreamSettings.defaults());
        GatewayState state = new GatewayState(config, plugins, loaded.resources(), loaded.problems(), broken, server);
        List<GatewayExtension> started = new ArrayList<>();
        try {
            for (GatewayExtension extension : extensions) {
                // Listed before start, so that a half-done start is stopped too.
                started.add(extension);
                extension.start(state);
            }
            server.start();
        } catch (Exception e) {
            RunningGateway.stopAll(started);
            server.close();
            throw e;
        }
        LOG.info("Legate serving {} routes from {} on {}:{} (TLS {})", server.routes().routes().size(),
                config.resourcesDir(), config.bindAddress(), server.httpPort(),
                server.httpsPort() < 0 ? "off" : Integer.toString(server.httpsPort()));
        return new RunningGateway(server, started, state);
    }

    /** Every extension on the class path, by class name; one that cannot be instantiated is reported and skipped. */
    private static List<GatewayExtension> discover(List<Problem> broken) {
        List<GatewayExtension> found = new ArrayList<>();
        Iterator<GatewayExtension> providers = ServiceLoader.load(GatewayExtension.class).iterator();
        while (true) {
            try {
                if (!providers.hasNext()) {
                    break;
                }
                found.add(providers.next());
            } catch (ServiceConfigurationError e) {
                broken.add(new Problem(Problem.Severity.ERROR, "extensions", null, null, e.getMessage()));
            }
        }
        found.sort(Comparator.comparing(e -> e.getClass().getName()));
        return found;
    }
}
