package io.legate.admin;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code legate run} in a JVM of its own, on the test's class path and free loopback ports, so that it can be
 * killed with SIGKILL. Its output (stdout and stderr) is drained all along, so the gateway never blocks on a
 * full pipe, and kept for failure messages.
 */
final class ForkedGateway implements AutoCloseable {

    private static final String READY_LINE = "legate listening on http";

    private final Process process;
    private final StringBuffer output = new StringBuffer();
    private final URI admin;

    private ForkedGateway(Process process, int adminPort) {
        this.process = process;
        this.admin = URI.create("http://127.0.0.1:" + adminPort);
    }

    /** Starts the gateway and returns once it prints that it listens; fails with its output after {@code seconds}. */
    static ForkedGateway start(Path conf, int seconds) throws Exception {
        int adminPort = freePort();
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"),
                "io.legate.cli.LegateCli", "run", "--conf", conf.toString(),
                "--http-port", Integer.toString(freePort()),
                "--https-port", Integer.toString(freePort()),
                "--admin-port", Integer.toString(adminPort));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        ForkedGateway gateway = new ForkedGateway(process, adminPort);
        CompletableFuture<Void> listening = new CompletableFuture<>();
        Thread reader = new Thread(() -> gateway.drain(listening), "forked-gateway-output");
        reader.setDaemon(true);
        reader.start();
        try {
            listening.get(seconds, TimeUnit.SECONDS);
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
            gateway.kill();
            throw new AssertionError("the forked gateway did not print \"" + READY_LINE + "\" within " + seconds
                    + " s (" + (e instanceof TimeoutException ? "timeout" : "exit " + process.exitValue())
                    + "); its output:\n" + gateway.output(), e);
        }
        return gateway;
    }

    private void drain(CompletableFuture<Void> listening) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                output.append(line).append('\n');
                if (line.startsWith(READY_LINE)) {
                    listening.complete(null);
                }
            }
        } catch (IOException e) {
            output.append("(reading the output failed: ").append(e).append(")\n");
        }
        listening.completeExceptionally(new IOException("the gateway's output ended"));
    }

    /** A port free on loopback a moment ago: the gateway binds it right after. */
    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    URI uri(String path) {
        return admin.resolve(path);
    }

    String output() {
        return output.toString();
    }

    /** SIGKILL: no shutdown hook, no drain, no flush; returns once the process is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            throw new AssertionError("the forked gateway (pid " + process.pid() + ") survived SIGKILL for 20 s");
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
