package io.legate.proxy;

import io.legate.plugin.ResponseFilter;
import io.legate.plugin.ResponseHead;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The response filters of one exchange, called last-registered first, each failure named after its plugin. A
 * response with none is passed through untouched: {@link #isEmpty()} lets the call keep its zero-copy path.
 */
final class ResponseHooks {

    /** The hooks of a call no filter registered any with; never added to. */
    static final ResponseHooks NONE = new ResponseHooks();

    private final List<String> plugins = new ArrayList<>(0);
    private final List<ResponseFilter> filters = new ArrayList<>(0);

    void add(String plugin, ResponseFilter filter) {
        plugins.add(plugin);
        filters.add(filter);
    }

    boolean isEmpty() {
        return filters.isEmpty();
    }

    void onHeaders(ResponseHead response) {
        for (int i = filters.size() - 1; i >= 0; i--) {
            try {
                filters.get(i).onHeaders(response);
            } catch (RuntimeException e) {
                throw PluginFailure.thrown(plugins.get(i), "its response filter (headers)", e);
            }
        }
    }

    ByteBuffer onBody(ByteBuffer chunk) {
        ByteBuffer out = chunk;
        for (int i = filters.size() - 1; i >= 0 && out.hasRemaining(); i--) {
            try {
                out = filters.get(i).onBody(out);
            } catch (RuntimeException e) {
                throw PluginFailure.thrown(plugins.get(i), "its response filter (body)", e);
            }
        }
        return out;
    }

    /**
     * The bytes to send before the end: each filter's, passed through the filters after it in the response's
     * direction, as any body.
     */
    ByteBuffer onEnd(ResponseHead response, Map<String, String> trailers) {
        ByteBuffer tail = ByteBuffer.allocate(0);
        for (int i = filters.size() - 1; i >= 0; i--) {
            ByteBuffer own;
            try {
                ByteBuffer passed = tail.hasRemaining() ? filters.get(i).onBody(tail) : tail;
                own = filters.get(i).onEnd(response, trailers);
                tail = concat(passed, own);
            } catch (RuntimeException e) {
                throw PluginFailure.thrown(plugins.get(i), "its response filter (end)", e);
            }
        }
        return tail;
    }

    private static ByteBuffer concat(ByteBuffer a, ByteBuffer b) {
        if (!a.hasRemaining()) {
            return b;
        }
        if (!b.hasRemaining()) {
            return a;
        }
        return ByteBuffer.allocate(a.remaining() + b.remaining()).put(a).put(b).flip();
    }
}
