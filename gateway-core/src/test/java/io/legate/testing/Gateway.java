package io.legate.testing;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.legate.tls.CertifiedKey;
import java.security.cert.X509Certificate;
import io.legate.config.GatewayConfig;
import io.legate.config.PeerLimits;
import io.legate.metrics.GatewayMetrics;
import io.legate.pluginhost.PluginRegistry;
import io.legate.proxy.UpstreamSettings;
import io.legate.snapshot.GatewaySnapshot;
import io.legate.routing.RouteTable;
import io.legate.server.LegateServer;
import io.legate.server.ListenerSettings;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A real Legate gateway on an ephemeral loopback port, routed by Mapping YAML, with a gRPC channel to it. */
public final class Gateway implements AutoCloseable {

    private static final GatewayConfig LOOPBACK =
            new GatewayConfig("127.0.0.1", 0, 0, "127.0.0.1", 0, Path.of("none"), Path.of("none"));

    private final LegateServer server;
    private final PluginRegistry plugins;
    private ManagedChannel channel;

    private Gateway(LegateServer server) {
        this(server, PluginRegistry.classPath());
    }

    private Gateway(LegateServer server, PluginRegistry plugins) {
        this.server = server;
        this.plugins = plugins;
    }

    public static Gateway start(String mappingsYaml) throws Exception {
        return start(mappingsYaml, ListenerSettings.defaults(), UpstreamSettings.defaults());
    }

    /** A gateway with {@code limits} against hostile peers. */
    public static Gateway start(String mappingsYaml, PeerLimits limits) throws Exception {
        return start(mappingsYaml, LOOPBACK.withLimits(limits), ListenerSettings.defaults(), UpstreamSettings.defaults());
    }

    /** The settings of every test gateway: loopback, ephemeral ports, default limits, no access log. */
    public static GatewayConfig loopback() {
        return LOOPBACK;
    }

    /** A gateway with {@code config}, e.g. {@code loopback().withAccessLog(file)}. */
    public static Gateway start(String mappingsYaml, GatewayConfig config) throws Exception {
        return start(mappingsYaml, config, ListenerSettings.defaults(), UpstreamSettings.defaults());
    }

    public static Gateway start(String mappingsYaml, ListenerSettings listener, UpstreamSettings upstream) throws Exception {
        return start(mappingsYaml, LOOPBACK, listener, upstream);
    }

    private static Gateway start(String mappingsYaml, GatewayConfig config, ListenerSettings listener,
                                 UpstreamSettings upstream) throws Exception {
        LegateServer server = new LegateServer(config, TestRoutes.routesOnly(TestRoutes.fromYaml(mappingsYaml)), listener, upstream);
        server.start();
        return new Gateway(server);
    }

    /**
     * A gateway serving Mappings, Hosts, TLSContexts, Secrets and the Module, with the plugins on the class path;
     * both listeners on ephemeral ports.
     */
    public static Gateway startWithResources(String resourcesYaml) throws Exception {
        return startWithResources(resourcesYaml, PluginRegistry.classPath());
    }

    /** As {@link #startWithResources(String)}, with {@code limits} against hostile peers. */
    public static Gateway startWithResources(String resourcesYaml, PeerLimits limits) throws Exception {
        return startWithResources(resourcesYaml, PluginRegistry.classPath(), LOOPBACK.withLimits(limits));
    }

    /** As {@link #startWithResources(String)}, with {@code config}. */
    public static Gateway startWithResources(String resourcesYaml, GatewayConfig config) throws Exception {
        return startWithResources(resourcesYaml, PluginRegistry.classPath(), config);
    }

    /** As {@link #startWithResources(String)}, with exactly the plugins of {@code plugins}. */
    public static Gateway startWithResources(String resourcesYaml, PluginRegistry plugins) throws Exception {
        return startWithResources(resourcesYaml, plugins, LOOPBACK);
    }

    /**
     * As {@link #startWithResources(String, PluginRegistry)}, the resources read as stored before this start: they
     * may configure plugins that are not loaded.
     */
    public static Gateway startWithStoredResources(String resourcesYaml, PluginRegistry plugins) throws Exception {
        return start(TestRoutes.storedSnapshot(resourcesYaml, plugins), plugins, LOOPBACK);
    }

    private static Gateway startWithResources(String resourcesYaml, PluginRegistry plugins, GatewayConfig config)
            throws Exception {
        return start(TestRoutes.snapshot(resourcesYaml, plugins), plugins, config);
    }

    private static Gateway start(GatewaySnapshot snapshot, PluginRegistry plugins, GatewayConfig config) throws Exception {
        LegateServer server = new LegateServer(config, snapshot, ListenerSettings.defaults(), UpstreamSettings.defaults());
        server.start();
        return new Gateway(server, plugins);
    }

    /** Serves {@code resourcesYaml} from now on, as a write through the admin API would. */
    public void apply(String resourcesYaml) {
        server.apply(TestRoutes.snapshot(resourcesYaml, plugins));
    }

    /** The TLS listener's port; -1 when it is closed. */
    public int httpsPort() {
        return server.httpsPort();
    }

    /**
     * A new TLS channel to the TLS listener that trusts {@code ca}, sends {@code authority} as SNI and
     * {@code :authority} (and verifies the certificate against it), and presents {@code client} when not null.
     * The caller shuts it down.
     */
    public ManagedChannel tlsChannel(CertifiedKey ca, String authority, CertifiedKey client) throws Exception {
        SslContextBuilder ssl = GrpcSslContexts.forClient().trustManager(ca.leaf());
        if (client != null) {
            ssl.keyManager(client.key(), client.chain().toArray(new X509Certificate[0]));
        }
        return NettyChannelBuilder.forAddress("127.0.0.1", httpsPort())
                .sslContext(ssl.build())
                .overrideAuthority(authority)
                .maxInboundMessageSize(UpstreamServer.MAX_MESSAGE)
                .build();
    }

    public int port() {
        return server.httpPort();
    }

    public String baseUri() {
        return "http://127.0.0.1:" + port();
    }

    public void swap(String mappingsYaml) {
        GatewaySnapshot current = server.snapshot();
        server.apply(new GatewaySnapshot(TestRoutes.fromYaml(mappingsYaml), current.filters(), current.insecure(),
                current.tls(), current.endpoints(), current.callers()));
    }

    public RouteTable routes() {
        return server.routes();
    }

    public GatewayMetrics metrics() {
        return server.metrics();
    }

    /** A plaintext (h2c prior knowledge) channel, shared by the tests of a class. */
    public synchronized ManagedChannel channel() {
        if (channel == null) {
            channel = NettyChannelBuilder.forAddress("127.0.0.1", port())
                    .usePlaintext()
                    .maxInboundMessageSize(UpstreamServer.MAX_MESSAGE)
                    .build();
        }
        return channel;
    }

    @Override
    public void close() throws Exception {
        if (channel != null) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        server.close();
    }
}
