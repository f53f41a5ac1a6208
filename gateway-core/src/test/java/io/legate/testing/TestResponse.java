package io.legate.testing;

import io.legate.plugin.ResponseHead;
import java.util.Map;
import java.util.TreeMap;

/**
 * A response head for unit tests of a plugin's response filter: a status and headers, as the gateway's response is
 * while response filters see it. Changing it once committed fails the test, where the gateway would ignore it.
 */
public final class TestResponse implements ResponseHead {

    public final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    public int status;
    public boolean committed;

    public TestResponse(int status, Map<String, String> headers) {
        this.status = status;
        this.headers.putAll(headers);
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public void setStatus(int status) {
        checkNotCommitted("the status");
        this.status = status;
    }

    @Override
    public String header(String name) {
        return headers.get(name);
    }

    @Override
    public void setHeader(String name, String value) {
        checkNotCommitted(name);
        if (value == null) {
            headers.remove(name);
        } else {
            headers.put(name, value);
        }
    }

    @Override
    public void addHeader(String name, String value) {
        checkNotCommitted(name);
        headers.merge(name, value, (a, b) -> a + ", " + b);
    }

    @Override
    public boolean committed() {
        return committed;
    }

    private void checkNotCommitted(String what) {
        if (committed) {
            throw new IllegalStateException("committed: " + what + " cannot change");
        }
    }

    @Override
    public String toString() {
        return "TestResponse" + status + headers;
    }
}
