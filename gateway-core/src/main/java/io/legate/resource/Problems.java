package io.legate.resource;

import io.legate.resource.model.Problem;
import java.util.ArrayList;
import java.util.List;

/** Collects the problems of one document, each naming the same source and resource. */
final class Problems {

    private final String source;
    private final String resource;
    private final List<Problem> found = new ArrayList<>();

    Problems(String source, String resource) {
        this.source = source;
        this.resource = resource;
    }

    void error(String field, String message) {
        found.add(new Problem(Problem.Severity.ERROR, source, resource, field, message));
    }

    void warning(String field, String message) {
        found.add(new Problem(Problem.Severity.WARNING, source, resource, field, message));
    }

    boolean hasErrors() {
        return found.stream().anyMatch(Problem::isError);
    }

    List<Problem> list() {
        return List.copyOf(found);
    }
}
