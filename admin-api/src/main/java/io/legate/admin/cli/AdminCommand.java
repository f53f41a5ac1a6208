package io.legate.admin.cli;

import io.legate.config.GatewayConfig;
import io.legate.config.GatewayConfigLoader;
import io.legate.config.PortOverrides;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * A thin client of the admin API ({@code apply}, {@code get}, {@code delete}): it finds the API and its token in
 * the same settings as {@code run}, sends one request, and prints the answer as the server wrote it, errors on
 * stderr. Exit 0 on a 2xx answer, 1 otherwise.
 */
abstract class AdminCommand implements Callable<Integer> {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Option(names = "--conf", paramLabel = "FILE", defaultValue = "conf/legate.yaml",
            description = "Gateway settings, read for admin.bind, admin.port and admin.token (default: ${DEFAULT-VALUE}).")
    private Path conf;

    @Spec
    private CommandSpec spec;

    private final Map<String, String> env;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private URI api;
    private String token;

    AdminCommand(Map<String, String> env) {
        this.env = env;
    }

    /** The request to send, given the API's base URI, e.g. {@code http://127.0.0.1:8877/api/v1/}. */
    abstract HttpRequest.Builder request(URI api) throws IOException;

    /** What to print for a successful answer without a body (a DELETE). */
    abstract String done();

    /** What to do once the request succeeded and its answer is printed; answers the exit code. */
    int afterSuccess(HttpResponse<String> response) throws Exception {
        return 0;
    }

    @Override
    public Integer call() throws Exception {
        GatewayConfig config = GatewayConfigLoader.load(conf, env, PortOverrides.NONE);
        api = URI.create("http://" + hostOf(config.adminBindAddress()) + ":" + config.adminPort() + "/api/v1/");
        token = config.adminToken();
        HttpResponse<String> response = send(request(api).header("Accept", "application/yaml"));
        boolean ok = response.statusCode() / 100 == 2;
        PrintWriter out = ok ? spec.commandLine().getOut() : spec.commandLine().getErr();
        out.print(response.body().isEmpty() && ok ? done() + "\n" : response.body());
        out.flush();
        return ok ? afterSuccess(response) : 1;
    }

    /** Sends {@code request} to the admin API ({@link #api()}), with the token when there is one. */
    HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        request.timeout(TIMEOUT);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IOException("cannot reach the admin API at " + api + " ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + "); is legate running?");
        }
    }

    /** The API's base URI, e.g. {@code http://127.0.0.1:8877/api/v1/}. */
    URI api() {
        return api;
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** {@code mapping}, {@code Mapping} and {@code mappings} all name the API's {@code mappings}. */
    static String plural(String kind) {
        String lower = kind.toLowerCase(Locale.ROOT);
        return lower.endsWith("s") ? lower : lower + "s";
    }

    /** A wildcard bind address is reached on loopback; an IPv6 address needs brackets in a URI. */
    private static String hostOf(String bind) {
        if (bind.equals("0.0.0.0")) {
            return "127.0.0.1";
        }
        if (bind.equals("::") || bind.equals("[::]")) {
            return "[::1]";
        }
        return bind.contains(":") && !bind.startsWith("[") ? "[" + bind + "]" : bind;
    }
}
