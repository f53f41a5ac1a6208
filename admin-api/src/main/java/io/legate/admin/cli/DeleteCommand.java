package io.legate.admin.cli;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "delete", description = "Delete a stored resource; its routes go at once.")
final class DeleteCommand extends AdminCommand {

    @Parameters(index = "0", paramLabel = "KIND", description = "mappings, hosts, tlscontexts, modules, secrets, endpoints or another Emissary kind (listeners, authservices, ...).")
    private String kind;

    @Parameters(index = "1", paramLabel = "NAME")
    private String name;

    DeleteCommand(Map<String, String> env) {
        super(env);
    }

    @Override
    HttpRequest.Builder request(URI api) {
        return HttpRequest.newBuilder(api.resolve(plural(kind) + "/" + name)).DELETE();
    }

    @Override
    String done() {
        return "deleted " + plural(kind) + "/" + name;
    }
}
