package io.legate.distribution;

import io.legate.distribution.LegateScript.Result;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A copy of the unpacked tree, for the tests that start a gateway: its {@code logs/}, {@code data/} and whatever a
 * test adds must not end up in the build output. Its gateway listens on free loopback ports, passed to
 * {@code bin/legate} in {@code LEGATE_HTTP_PORT}, {@code LEGATE_HTTPS_PORT} and {@code LEGATE_ADMIN_PORT}.
 */
final class Installation {

    private final Path home;
    private final Map<String, String> env;

    private Installation(Path home, Map<String, String> env) {
        this.home = home;
        this.env = env;
    }

    /** Copies {@link LegateScript#HOME} into {@code dir}, keeping the script's executable bit. */
    static Installation copyInto(Path dir) throws IOException {
        try (Stream<Path> tree = Files.walk(LegateScript.HOME)) {
            for (Path from : tree.toList()) {
                Path to = dir.resolve(LegateScript.HOME.relativize(from).toString());
                if (Files.isDirectory(from)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return new Installation(dir, Map.of("LEGATE_HTTP_PORT", freePort(), "LEGATE_HTTPS_PORT", freePort(),
                "LEGATE_ADMIN_PORT", freePort()));
    }

    private static String freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return Integer.toString(socket.getLocalPort());
        }
    }

    Path home() {
        return home;
    }

    Path script() {
        return home.resolve("bin/legate");
    }

    /** The port variables, for {@link LegateScript#run(Path, Map, String...)}. */
    Map<String, String> env() {
        return env;
    }

    int httpPort() {
        return Integer.parseInt(env.get("LEGATE_HTTP_PORT"));
    }

    int adminPort() {
        return Integer.parseInt(env.get("LEGATE_ADMIN_PORT"));
    }

    Path pidFile() {
        return home.resolve("logs/legate.pid");
    }

    Path logFile() {
        return home.resolve("logs/legate.log");
    }

    /** Skips the calling test when this copy's gateway is not running, as after a failed start. */
    void assumeStarted() {
        Assumptions.assumeTrue(Files.exists(pidFile()), "the gateway did not start");
    }

    /** Runs this copy's {@code bin/legate} with its ports. */
    Result legate(String... args) throws IOException, InterruptedException {
        return LegateScript.run(script(), env, args);
    }

    /** Stops a gateway started from this copy, killed if {@code stop} could not end it; null when none was started. */
    Result stop() throws IOException, InterruptedException {
        try {
            return Files.exists(pidFile()) ? legate("stop") : null;
        } finally {
            killWhatIsLeft();
        }
    }

    /** Kills a gateway still running from this copy: a test that failed half-way must not leave one behind. */
    void killWhatIsLeft() throws IOException {
        if (Files.exists(pidFile())) {
            ProcessHandle.of(Long.parseLong(Files.readString(pidFile()).trim()))
                    .ifPresent(ProcessHandle::destroyForcibly);
        }
    }
}
