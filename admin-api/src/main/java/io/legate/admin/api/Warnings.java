package io.legate.admin.api;

import io.legate.resource.LoadResult;
import io.legate.resource.model.Problem;
import jakarta.ws.rs.core.Response;

/**
 * Warnings about an accepted resource (unknown fields, fields not implemented yet) as {@code Warning: 299}
 * headers, as the Kubernetes API server sends them: the write succeeded, but the user should look.
 */
final class Warnings {

    private Warnings() {
    }

    static Response.ResponseBuilder add(Response.ResponseBuilder answer, LoadResult sent) {
        for (Problem warning : sent.warnings()) {
            answer.header("Warning", "299 legate \"" + warning.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
        }
        return answer;
    }
}
