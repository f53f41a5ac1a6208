package io.legate.admin.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.legate.admin.store.StoreException;
import io.legate.admin.store.StoreWriteException;
import io.legate.resource.model.Problem;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.List;
import java.util.Locale;
import org.eclipse.jetty.http.HttpStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every error of the API as {@code application/problem+json} (RFC 9457): {@code type}, {@code title},
 * {@code status}, {@code detail}, plus {@code resource} ({@code Kind/name}) and {@code problems}, each with
 * {@code severity}, {@code resource}, {@code field} and {@code message}. Jersey's own refusals (404 of an unknown
 * path, 405, 406) take the same shape.
 */
public final class ProblemMapper implements ExceptionMapper<Throwable> {

    static final String PROBLEM_JSON = "application/problem+json";

    private static final Logger LOG = LoggerFactory.getLogger(ProblemMapper.class);

    @Override
    public Response toResponse(Throwable failure) {
        if (failure instanceof ProblemException problem) {
            return response(problem.status(), problem.getMessage(), problem.resource(), problem.problems());
        }
        if (failure instanceof StoreException refused) {
            int status = switch (refused.reason()) {
                case NOT_FOUND -> 404;
                case EXISTS -> 409;
                case STALE -> 412;
                case DANGLING_REFERENCE -> 422;
                case UNAVAILABLE -> 503;
                case TOO_LARGE -> 413;
            };
            return response(status, refused.getMessage(), refused.resource(), refused.problems());
        }
        if (failure instanceof StoreWriteException notWritten) {
            // The message says what failed and what is stored now; a stack trace would add nothing to it.
            LOG.error("admin API write failed: {}", notWritten.getMessage());
            return response(500, notWritten.getMessage(), notWritten.resource(), List.of());
        }
        if (failure instanceof WebApplicationException web && web.getResponse().getStatus() < 500) {
            return response(web.getResponse().getStatus(), web.getMessage(), null, List.of());
        }
        LOG.error("admin API request failed", failure);
        return response(500, "internal error: " + failure, null, List.of());
    }

    static Response response(int status, String detail, String resource, List<Problem> problems) {
        return builder(status, detail, resource, problems).build();
    }

    static Response.ResponseBuilder builder(int status, String detail, String resource, List<Problem> problems) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("type", "about:blank");
        body.put("title", HttpStatus.getMessage(status));
        body.put("status", status);
        body.put("detail", detail);
        if (resource != null) {
            body.put("resource", resource);
        }
        if (!problems.isEmpty()) {
            ArrayNode list = body.putArray("problems");
            problems.forEach(p -> list.add(problem(p)));
        }
        return Response.status(status).type(PROBLEM_JSON).entity(body);
    }

    static ObjectNode problem(Problem problem) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("severity", problem.severity().name().toLowerCase(Locale.ROOT));
        node.put("source", problem.source());
        node.put("resource", problem.resource());
        node.put("field", problem.field());
        node.put("message", problem.message());
        return node;
    }
}
