package io.legate.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real etcd (Debian's {@code etcd-server}) on free loopback ports over a temporary data directory, one member
 * of a cluster of {@code members}, with {@code etcdctl} at hand. It can be killed (SIGKILL) and started again on
 * the same ports and data.
 */
public final class EtcdServer implements AutoCloseable {

    private static final String READY_LINE = "serving client traffic";

    private final String name;
    private final Path dataDir;
    private final int clientPort;
    private final int peerPort;
    private String cluster;
    private String scheme = "http";
    private final List<String> security = new ArrayList<>();
    private Process process;
    private final StringBuffer output = new StringBuffer();

    private EtcdServer(String name, Path dataDir, int clientPort, int peerPort) {
        this.name = name;
        this.dataDir = dataDir;
        this.clientPort = clientPort;
        this.peerPort = peerPort;
        this.cluster = name + "=" + peerUrl();
    }

    /** Whether {@code etcd} and {@code etcdctl} are on the PATH (CI installs them). */
    public static boolean installed() {
        try {
            return new ProcessBuilder("etcd", "--version").start().waitFor() == 0
                    && new ProcessBuilder("etcdctl", "version").start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** One etcd alone, started. */
    public static EtcdServer start(Path dataDir) throws Exception {
        EtcdServer server = new EtcdServer("legate-test", dataDir, freePort(), freePort());
        server.start();
        return server;
    }

    /**
     * One etcd alone that speaks TLS only, with {@code certificate} and {@code key} (PEM files), and takes only
     * clients whose certificate {@code ca} signed; started.
     */
    public static EtcdServer startTls(Path dataDir, Path certificate, Path key, Path ca) throws Exception {
        EtcdServer server = new EtcdServer("legate-test", dataDir, freePort(), freePort());
        server.scheme = "https";
        server.security.addAll(List.of("--cert-file", certificate.toString(), "--key-file", key.toString(),
                "--client-cert-auth", "--trusted-ca-file", ca.toString()));
        server.start();
        return server;
    }

    /** A cluster of {@code size} members on loopback, each over its own directory under {@code dir}, started. */
    public static List<EtcdServer> cluster(Path dir, int size) throws Exception {
        List<EtcdServer> members = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            members.add(new EtcdServer("member" + i, dir.resolve("member" + i), freePort(), freePort()));
        }
        String cluster = String.join(",", members.stream().map(m -> m.name + "=" + m.peerUrl()).toList());
        members.forEach(m -> m.cluster = cluster);
        List<CompletableFuture<Void>> ready = new ArrayList<>();
        for (EtcdServer member : members) {
            ready.add(member.launch());
        }
        for (int i = 0; i < size; i++) {
            members.get(i).awaitReady(ready.get(i));
        }
        return members;
    }

    public URI endpoint() {
        return URI.create(scheme + "://127.0.0.1:" + clientPort);
    }

    private String peerUrl() {
        return "http://127.0.0.1:" + peerPort;
    }

    /** Starts it (again, after {@link #kill()}: same ports, same data), and returns once it serves clients. */
    public void start() throws Exception {
        awaitReady(launch());
    }

    private CompletableFuture<Void> launch() throws IOException {
        output.setLength(0);
        List<String> command = new ArrayList<>(List.of("etcd", "--name", name, "--data-dir", dataDir.toString(),
                "--listen-client-urls", endpoint().toString(), "--advertise-client-urls", endpoint().toString(),
                "--listen-peer-urls", peerUrl(), "--initial-advertise-peer-urls", peerUrl(),
                "--initial-cluster", cluster, "--initial-cluster-state", "new",
                "--log-level", "info", "--logger", "zap"));
        command.addAll(security);
        process = new ProcessBuilder(command).redirectErrorStream(true).start();
        CompletableFuture<Void> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> drain(process, ready), "etcd-output");
        reader.setDaemon(true);
        reader.start();
        return ready;
    }

    private void awaitReady(CompletableFuture<Void> ready) throws InterruptedException {
        try {
            ready.get(30, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            kill();
            throw new AssertionError("etcd did not print \"" + READY_LINE + "\" within 30 s; its output:\n" + output, e);
        }
    }

    private void drain(Process etcd, CompletableFuture<Void> ready) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(etcd.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                output.append(line).append('\n');
                if (line.contains(READY_LINE)) {
                    ready.complete(null);
                }
            }
        } catch (IOException e) {
            output.append("(reading the output failed: ").append(e).append(")\n");
        }
        ready.completeExceptionally(new IOException("etcd's output ended"));
    }

    /** Runs {@code etcdctl} against this member; answers its output, or fails with it when it exits non-zero. */
    public String etcdctl(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("etcdctl", "--endpoints", endpoint().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("ETCDCTL_API", "3");
        Process etcdctl = builder.start();
        String out = new String(etcdctl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!etcdctl.waitFor(20, TimeUnit.SECONDS) || etcdctl.exitValue() != 0) {
            throw new AssertionError("etcdctl " + String.join(" ", args) + " failed: " + out);
        }
        return out;
    }

    /** etcd's current revision. */
    public long revision() throws Exception {
        String status = etcdctl("endpoint", "status", "--write-out", "fields");
        for (String line : status.split("\n")) {
            if (line.startsWith("\"Revision\"")) {
                return Long.parseLong(line.substring(line.indexOf(':') + 1).strip());
            }
        }
        throw new AssertionError("no revision in: " + status);
    }

    /** SIGKILL; returns once the process is gone. */
    public void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                throw new AssertionError("etcd (pid " + process.pid() + ") survived SIGKILL for 20 s");
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
