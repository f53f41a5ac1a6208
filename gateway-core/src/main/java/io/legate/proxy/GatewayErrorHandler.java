package io.legate.proxy;

import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import java.io.IOException;

/**
 * Errors Jetty meets before the forwarder runs (a malformed request line, headers too large, ...) answered as the
 * gateway answers everything else: trailers-only gRPC for gRPC callers, a short JSON body for the others — never
 * Jetty's HTML page.
 */
public final class GatewayErrorHandler extends ErrorHandler {

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) throws IOException {
        String text = message != null ? message : HttpStatus.getMessage(code);
        new GatewayReply(GrpcStatus.forHttp(code), text, code).send(request, response, callback);
    }
}
