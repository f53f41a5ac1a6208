package io.legate.cli;

import io.legate.config.GatewayConfig;
import io.legate.config.GatewayConfigLoader;
import io.legate.config.PortOverrides;
import io.legate.server.Launcher;
import io.legate.server.RunningGateway;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "run", description = "Start the gateway in the foreground; SIGTERM or Ctrl-C drains and stops it.")
final class RunCommand implements Callable<Integer> {

    @Option(names = "--conf", paramLabel = "FILE", defaultValue = "conf/legate.yaml",
            description = "Gateway settings (default: ${DEFAULT-VALUE}); without the file, the defaults apply.")
    private Path conf;

    @Option(names = "--http-port", paramLabel = "N", description = "Cleartext port; wins over LEGATE_HTTP_PORT.")
    private Integer httpPort;

    @Option(names = "--https-port", paramLabel = "N", description = "TLS port; wins over LEGATE_HTTPS_PORT.")
    private Integer httpsPort;

    @Option(names = "--admin-port", paramLabel = "N", description = "Admin API port; wins over LEGATE_ADMIN_PORT.")
    private Integer adminPort;

    @Spec
    private CommandSpec spec;

    private final Map<String, String> env;

    RunCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() throws Exception {
        GatewayConfig config = GatewayConfigLoader.load(conf, env, new PortOverrides(httpPort, httpsPort, adminPort));
        if (Files.notExists(conf)) {
            spec.commandLine().getErr().println("legate: " + conf + " not found; using the default settings");
        }
        RunningGateway server = Launcher.start(config);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> drain(server), "legate-shutdown"));
        PrintWriter out = spec.commandLine().getOut();
        // bin/legate start waits for this line: it means every listener is open. Tests read the ports from it.
        StringBuilder line = new StringBuilder("legate listening on http " + config.bindAddress() + ":" + server.httpPort());
        if (server.httpsPort() >= 0) {
            line.append(", https ").append(config.bindAddress()).append(':').append(server.httpsPort());
        }
        server.extensionListeners().forEach(listener -> line.append(", ").append(listener));
        out.println(line);
        out.flush();
        server.join();
        return 0;
    }

    private void drain(RunningGateway server) {
        PrintWriter out = spec.commandLine().getOut();
        out.println("legate stopping: draining requests in flight");
        out.flush();
        try {
            server.close();
            out.println("legate stopped");
        } catch (Exception e) {
            out.println("legate stopped with an error: " + e);
        }
        out.flush();
    }
}
