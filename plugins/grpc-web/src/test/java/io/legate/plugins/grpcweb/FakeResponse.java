package io.legate.plugins.grpcweb;

import jakarta.servlet.http.HttpServletResponse;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Map;
import java.util.TreeMap;

/**
 * A servlet response holding a status and headers, as the gateway's is while response filters see it. Only the
 * methods a filter may need are there: any other call fails the test that made it.
 */
final class FakeResponse implements InvocationHandler {

    final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    int status;
    boolean committed;

    FakeResponse(int status, Map<String, String> headers) {
        this.status = status;
        this.headers.putAll(headers);
    }

    HttpServletResponse proxy() {
        return (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, this);
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) {
        switch (method.getName()) {
            case "getStatus": return status;
            case "setStatus": status = (Integer) args[0]; return null;
            case "isCommitted": return committed;
            case "getHeader": return headers.get((String) args[0]);
            case "containsHeader": return headers.containsKey((String) args[0]);
            case "getHeaderNames": return new ArrayList<>(headers.keySet());
            case "getContentType": return headers.get("content-type");
            case "setContentType": put("content-type", (String) args[0]); return null;
            case "setHeader": put((String) args[0], (String) args[1]); return null;
            case "toString": return "FakeResponse" + status + headers;
            default: throw new UnsupportedOperationException("HttpServletResponse." + method.getName());
        }
    }

    private void put(String name, String value) {
        if (committed) {
            throw new IllegalStateException("committed: " + name + " cannot change");
        }
        if (value == null) {
            headers.remove(name);
        } else {
            headers.put(name, value);
        }
    }
}
