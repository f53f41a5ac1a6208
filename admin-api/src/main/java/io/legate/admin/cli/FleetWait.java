package io.legate.admin.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/** {@code apply --wait}: polls {@code GET /api/v1/instances} until every live gateway serves a revision. */
final class FleetWait {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final long POLL_MS = 100;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AdminCommand command;

    FleetWait(AdminCommand command) {
        this.command = command;
    }

    /** The store revision of an {@code apply} answer: its highest {@code resourceVersion}, when they are revisions. */
    static OptionalLong revisionOf(String applyAnswer) throws Exception {
        long revision = 0;
        for (JsonNode result : new YAMLMapper().readTree(applyAnswer).path("results")) {
            String version = result.path("resourceVersion").asText();
            if (!version.chars().allMatch(Character::isDigit) || version.isEmpty()) {
                return OptionalLong.empty();
            }
            revision = Math.max(revision, Long.parseLong(version));
        }
        return OptionalLong.of(revision);
    }

    /** Exit 0 once every gateway serves {@code revision}; 1, naming those behind, after {@link #TIMEOUT}. */
    int until(OptionalLong revision) throws Exception {
        if (revision.isEmpty()) {
            command.out().println("--wait: this gateway keeps resources in files, alone: it serves the write already");
            command.out().flush();
            return 0;
        }
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            HttpResponse<String> answer = command.send(HttpRequest.newBuilder(command.api().resolve("instances")));
            List<String> behind = new ArrayList<>();
            int serving = 0;
            if (answer.statusCode() == 200) {
                for (JsonNode instance : JSON.readTree(answer.body()).path("items")) {
                    if (instance.path("revision").asLong() >= revision.getAsLong()) {
                        serving++;
                    } else {
                        behind.add(instance.path("name").asText() + " (at revision " + instance.path("revision").asLong() + ")");
                    }
                }
            }
            if (answer.statusCode() == 200 && behind.isEmpty()) {
                command.out().println("served by " + serving + " gateway(s) at revision " + revision.getAsLong());
                command.out().flush();
                return 0;
            }
            if (System.nanoTime() > deadline) {
                command.err().println("--wait: after " + TIMEOUT.toSeconds() + " s, " + (answer.statusCode() != 200
                        ? "the fleet's gateways cannot be listed: " + answer.body()
                        : "not every gateway serves revision " + revision.getAsLong() + ": " + String.join(", ", behind)));
                command.err().flush();
                return 1;
            }
            Thread.sleep(POLL_MS);
        }
    }
}
