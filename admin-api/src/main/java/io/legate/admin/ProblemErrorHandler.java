package io.legate.admin;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Errors Jetty meets before the API runs (a malformed request line, an ambiguous path, headers too large) answered
 * as every other admin API error: {@code application/problem+json} (RFC 9457), never Jetty's HTML page.
 */
final class ProblemErrorHandler extends ErrorHandler {

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("type", "about:blank");
        body.put("title", HttpStatus.getMessage(code));
        body.put("status", code);
        body.put("detail", message != null ? message : HttpStatus.getMessage(code));
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/problem+json");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
        response.write(true, ByteBuffer.wrap(bytes), callback);
    }
}
