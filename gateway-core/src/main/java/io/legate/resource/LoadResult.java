package io.legate.resource;

import io.legate.resource.model.Problem;
import java.util.List;

/** The resources that loaded, and every problem found on the way, in file and document order. */
public record LoadResult(List<Resource> resources, List<Problem> problems) {

    public LoadResult {
        resources = List.copyOf(resources);
        problems = List.copyOf(problems);
    }

    public static LoadResult empty() {
        return new LoadResult(List.of(), List.of());
    }

    /** True when something was skipped: a file that did not parse, or a resource that did not validate. */
    public boolean hasErrors() {
        return problems.stream().anyMatch(Problem::isError);
    }

    public List<Problem> errors() {
        return problems.stream().filter(Problem::isError).toList();
    }

    public List<Problem> warnings() {
        return problems.stream().filter(p -> !p.isError()).toList();
    }
}
