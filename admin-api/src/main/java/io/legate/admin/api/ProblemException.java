package io.legate.admin.api;

import io.legate.resource.model.Problem;
import java.util.List;

/**
 * A request the API refuses, answered as {@code application/problem+json} (RFC 9457) by {@link ProblemMapper}.
 * Thrown before anything is stored, so a refused request never changes anything.
 *
 * @see ProblemMapper
 */
final class ProblemException extends RuntimeException {

    private final int status;
    private final String resource;
    private final List<Problem> problems;

    /**
     * @param resource {@code Kind/name} the request was about, or null
     * @param problems each naming resource and field; may be empty when {@code detail} says it all
     */
    ProblemException(int status, String detail, String resource, List<Problem> problems) {
        super(detail);
        this.status = status;
        this.resource = resource;
        this.problems = List.copyOf(problems);
    }

    ProblemException(int status, String detail) {
        this(status, detail, null, List.of());
    }

    int status() {
        return status;
    }

    String resource() {
        return resource;
    }

    List<Problem> problems() {
        return problems;
    }

    /** 400 for a body that is not YAML/JSON at all, 422 for one that is but does not validate. */
    static ProblemException invalid(List<Problem> problems) {
        List<Problem> errors = problems.stream().filter(Problem::isError).toList();
        boolean syntax = errors.stream().anyMatch(p -> p.resource() == null);
        Problem first = errors.get(0);
        String detail = errors.size() == 1 ? first.toString() : first + " (and " + (errors.size() - 1) + " more)";
        return new ProblemException(syntax ? 400 : 422, detail, first.resource(), problems);
    }
}
