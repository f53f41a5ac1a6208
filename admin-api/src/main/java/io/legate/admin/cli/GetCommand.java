package io.legate.admin.cli;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "get", description = "Print stored resources as YAML: every one of KIND, or the one named NAME.")
final class GetCommand extends AdminCommand {

    @Parameters(index = "0", paramLabel = "KIND", description = "mappings, hosts, tlscontexts, modules, secrets, endpoints or another Emissary kind (listeners, authservices, ...).")
    private String kind;

    @Parameters(index = "1", paramLabel = "NAME", arity = "0..1", description = "One resource's name.")
    private String name;

    GetCommand(Map<String, String> env) {
        super(env);
    }

    @Override
    HttpRequest.Builder request(URI api) {
        return HttpRequest.newBuilder(api.resolve(plural(kind) + (name == null ? "" : "/" + name))).GET();
    }

    @Override
    String done() {
        return "";
    }
}
