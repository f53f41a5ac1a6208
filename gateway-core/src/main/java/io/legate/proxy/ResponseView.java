package io.legate.proxy;

import io.legate.plugin.ResponseHead;
import org.eclipse.jetty.server.Response;

/** The plugins' view of the caller's response head, over Jetty's response. */
record ResponseView(Response response) implements ResponseHead {

    @Override
    public int status() {
        return response.getStatus();
    }

    @Override
    public void setStatus(int status) {
        if (!committed()) {
            response.setStatus(status);
        }
    }

    @Override
    public String header(String name) {
        return response.getHeaders().get(name);
    }

    @Override
    public void setHeader(String name, String value) {
        if (committed()) {
            return;
        }
        if (value == null) {
            response.getHeaders().remove(name);
        } else {
            response.getHeaders().put(name, value);
        }
    }

    @Override
    public void addHeader(String name, String value) {
        if (!committed()) {
            response.getHeaders().add(name, value);
        }
    }

    @Override
    public boolean committed() {
        return response.isCommitted();
    }
}
