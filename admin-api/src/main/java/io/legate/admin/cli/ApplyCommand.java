package io.legate.admin.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "apply", description = "Send a file of one or more resources to the admin API: all are stored, or"
        + " none when any is invalid. Prints what each resource did.")
final class ApplyCommand extends AdminCommand {

    @Option(names = "-f", paramLabel = "FILE", required = true, description = "A YAML file, e.g. an Emissary file as it is.")
    private Path file;

    @Option(names = "--wait", description = "With store: {type: etcd}, return once every live gateway of the fleet"
            + " serves the write (at most 60 s; exit 1 naming those that do not).")
    private boolean await;

    ApplyCommand(Map<String, String> env) {
        super(env);
    }

    @Override
    HttpRequest.Builder request(URI api) throws IOException {
        return HttpRequest.newBuilder(api.resolve("apply"))
                .header("Content-Type", "application/yaml")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Files.readAllBytes(file)));
    }

    @Override
    int afterSuccess(HttpResponse<String> response) throws Exception {
        return await ? new FleetWait(this).until(FleetWait.revisionOf(response.body())) : 0;
    }

    @Override
    String done() {
        return "applied " + file;
    }
}
