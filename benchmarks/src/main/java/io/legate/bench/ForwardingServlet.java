package io.legate.bench;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http.MetaData;
import org.eclipse.jetty.http2.frames.HeadersFrame;
import org.eclipse.jetty.util.Promise;

/**
 * Forwards each request as one stream of the upstream session, entered as Legate's forwarder is: the servlet
 * starts an async call, then reads the caller's body from Jetty's core request and writes the reply to its core
 * response ({@link ServletReply}), below the servlet streams; the container ends the call.
 */
final class ForwardingServlet extends HttpServlet {

    private final transient UpstreamSession upstream;

    ForwardingServlet(UpstreamSession upstream) {
        this.upstream = upstream;
    }

    @Override
    protected void service(HttpServletRequest servletRequest, HttpServletResponse servletResponse) {
        AsyncContext async = servletRequest.startAsync();
        async.setTimeout(0);
        ServletContextRequest request = ServletContextRequest.getServletContextRequest(servletRequest);
        ServletReply reply = new ServletReply(request.getServletContextResponse(), async);
        MetaData.Request head = upstream.head(new MetaData.Request(request.getMethod(), request.getHttpURI(),
                HttpVersion.HTTP_2, request.getHeaders(), request.getLength()));
        upstream.session().whenComplete((session, failure) -> {
            if (failure != null) {
                reply.fail(failure);
            } else {
                session.newStream(new HeadersFrame(head, null, false), Promise.from(
                        stream -> new SourcePipe(request, stream, reply::fail).iterate(), reply::fail), reply);
            }
        });
    }
}
