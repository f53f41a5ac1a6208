package io.legate.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
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
    String done() {
        return "applied " + file;
    }
}
