package io.legate.proxy;

import io.legate.plugin.Chain;
import io.legate.plugin.Exchange;
import io.legate.plugin.GatewayFilter;
import io.legate.plugin.PluginFactory;
import io.legate.plugin.ResponseFilter;
import io.legate.plugin.RouteCondition;
import io.legate.plugin.ResponseHead;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A plugin whose filter does what the request's {@code x-script} header says, so that one gateway can show every
 * way a filter may behave, or misbehave.
 */
final class ScriptedPlugin implements PluginFactory<ScriptedPlugin.Settings>, GatewayFilter {

    /** Where the asynchronous scripts do their simulated I/O: a reply that comes 100 ms later, on another thread. */
    private static final ScheduledExecutorService IO = Executors.newSingleThreadScheduledExecutor(work -> {
        Thread thread = new Thread(work, "scripted-io");
        thread.setDaemon(true);
        return thread;
    });
    private static final long IO_MS = 100;

    /** What the filter's second {@code proceed()} threw, in the "resume-twice" script. */
    static final BlockingQueue<RuntimeException> SECOND_RESUME = new LinkedBlockingQueue<>();

    /**
     * @param tag      stamped as {@code x-tag} on requests routed by a Mapping that sets it
     * @param requires a header a request must carry to be routed by a Mapping that sets it
     */
    record Settings(String tag, String requires) {
    }

    @Override
    public String name() {
        return "scripted";
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public Class<Settings> settingsType() {
        return Settings.class;
    }

    @Override
    public Optional<GatewayFilter> filter(Settings moduleSettings) {
        return Optional.of(this);
    }

    @Override
    public Optional<RouteCondition> routeCondition(Settings settings) {
        return Optional.ofNullable(settings.requires()).map(name -> request -> request.header(name) != null);
    }

    @Override
    public void filter(Exchange exchange, Chain chain) {
        String script = exchange.header("x-script");
        switch (script == null ? "" : script) {
            case "set-header" -> {
                exchange.setHeader("x-plugin", "set");
                exchange.setHeader("x-drop", null);
                chain.proceed();
            }
            case "drop-length" -> {
                exchange.setHeader("content-length", null);
                chain.proceed();
            }
            case "reply" -> exchange.reply(203, Map.of("x-plugin", "replied"), bytes("from the plugin"));
            case "reject" -> exchange.reject(401, "no token");
            case "reply-then-proceed" -> {
                exchange.reject(403, "no");
                chain.proceed();
            }
            case "nothing" -> {
            }
            case "proceed-twice" -> {
                chain.proceed();
                chain.proceed();
            }
            case "throw" -> throw new IllegalStateException("boom");
            case "async-proceed" -> {
                chain.suspend(Duration.ofSeconds(5));
                IO.schedule(() -> {
                    exchange.setHeader("x-plugin", "resumed on " + Thread.currentThread().getName());
                    chain.proceed();
                }, IO_MS, TimeUnit.MILLISECONDS);
            }
            case "async-reject" -> {
                chain.suspend(Duration.ofSeconds(5));
                IO.schedule(() -> exchange.reject(403, "denied after a look-up"), IO_MS, TimeUnit.MILLISECONDS);
            }
            case "async-never" -> chain.suspend(Duration.ofMillis(IO_MS));
            case "resume-twice" -> {
                chain.suspend(Duration.ofSeconds(5));
                IO.schedule(() -> {
                    chain.proceed();
                    try {
                        chain.proceed();
                    } catch (RuntimeException e) {
                        SECOND_RESUME.add(e);
                    }
                }, IO_MS, TimeUnit.MILLISECONDS);
            }
            case "connection" -> {
                exchange.setHeader("x-plugin", exchange.connection().remoteAddress().getAddress().getHostAddress()
                        + " to " + exchange.connection().localAddress().getPort()
                        + (exchange.connection().secure() ? " over " + exchange.connection().tlsProtocol().orElseThrow()
                        + " for " + exchange.connection().sni().orElse("no SNI") : " in cleartext"));
                chain.proceed();
            }
            case "stamp-response" -> {
                exchange.onResponse(new ResponseFilter() {
                    @Override
                    public void onHeaders(ResponseHead response) {
                        response.setHeader("x-plugin", "seen " + response.status());
                    }
                });
                chain.proceed();
            }
            case "upper-body" -> {
                exchange.transformRequestBody((chunk, last) -> upper(chunk));
                chain.proceed();
            }
            case "refuse-body" -> {
                exchange.transformRequestBody((chunk, last) -> {
                    throw new IllegalArgumentException("bad body");
                });
                chain.proceed();
            }
            case "add-trailer" -> {
                exchange.onResponse(new ResponseFilter() {
                    @Override
                    public ByteBuffer onEnd(ResponseHead response, Map<String, String> trailers) {
                        trailers.put("x-plugin", "ended");
                        return ByteBuffer.allocate(0);
                    }
                });
                chain.proceed();
            }
            case "transform-response" -> {
                exchange.onResponse(new Transformer());
                chain.proceed();
            }
            case "authority" -> {
                exchange.setHeader(":authority", "internal.example");
                chain.proceed();
            }
            case "tag" -> {
                exchange.routeSettings(Settings.class).map(Settings::tag).ifPresent(tag -> exchange.setHeader("x-tag", tag));
                chain.proceed();
            }
            default -> chain.proceed();
        }
    }

    /** Upper-cases the body, ends it with {@code END} and adds a trailer. */
    private static final class Transformer implements ResponseFilter {
        @Override
        public void onHeaders(ResponseHead response) {
            response.setHeader("content-length", null);
        }

        @Override
        public ByteBuffer onBody(ByteBuffer chunk) {
            return upper(chunk);
        }

        @Override
        public ByteBuffer onEnd(ResponseHead response, Map<String, String> trailers) {
            trailers.put("x-plugin", "ended");
            return bytes("END");
        }
    }

    private static ByteBuffer upper(ByteBuffer chunk) {
        return bytes(StandardCharsets.ISO_8859_1.decode(chunk).toString().toUpperCase(Locale.ROOT));
    }

    private static ByteBuffer bytes(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1));
    }
}
