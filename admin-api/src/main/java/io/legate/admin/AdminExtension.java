package io.legate.admin;

import io.legate.admin.api.AdminApplication;
import io.legate.admin.store.FileStore;
import io.legate.admin.store.ResourceStore;
import io.legate.admin.store.StoreMetrics;
import io.legate.admin.store.etcd.EtcdStore;
import io.legate.config.GatewayConfig;
import io.legate.config.StoreConfig;
import io.legate.resource.ResourceLoader;
import io.legate.server.GatewayContext;
import io.legate.server.GatewayExtension;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * The admin API and its store, plugged into the gateway: opens {@code data/} (or etcd), publishes what is stored (which wins
 * over {@code conf/resources/} on a name clash), then opens the admin listener. Every accepted write publishes
 * the store again, which swaps the route table before the write is answered.
 */
public final class AdminExtension implements GatewayExtension {

    private volatile AdminServer server;
    private volatile ResourceStore store;

    @Override
    public String name() {
        return "admin";
    }

    @Override
    public void start(GatewayContext context) throws Exception {
        GatewayConfig config = context.config();
        ResourceLoader loader = ResourceLoader.tolerant(context.plugins());
        store = config.store().type() == StoreConfig.Type.ETCD
                ? EtcdStore.open(config.store(), loader, context::check, context::publish, context::report)
                : FileStore.open(config.dataDir(), loader, context::check, context::publish);
        store.loadProblems().forEach(context::report);
        context.publish(store.resources());
        StoreMetrics.register(store, context.metrics().registry());
        server = new AdminServer(config.adminBindAddress(), config.adminPort(),
                new AdminApplication(store, context, config.adminToken()));
        server.start();
        store.register(hostName() + " " + server.address());
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    @Override
    public void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
        if (store != null) {
            store.close();
        }
    }

    @Override
    public Optional<String> listener() {
        return Optional.ofNullable(server).map(s -> "admin " + s.address());
    }
}
