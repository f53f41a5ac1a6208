package io.legate.plugins.authservice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.legate.plugin.Chain;
import io.legate.testing.TestExchange;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The filter against a real HTTP authorization service, with a chain that records how the filter ended. */
class AuthServiceFilterTest {

    private static HttpAuthServer auth;

    @BeforeAll
    static void startService() throws Exception {
        auth = new HttpAuthServer();
    }

    @AfterAll
    static void stopService() throws Exception {
        auth.close();
    }

    /** A chain that records the suspension and the thread that proceeded. */
    private static final class RecordingChain implements Chain {
        volatile Duration suspendedFor;
        final CompletableFuture<Thread> proceeded = new CompletableFuture<>();

        @Override
        public void proceed() {
            proceeded.complete(Thread.currentThread());
        }

        @Override
        public void suspend(Duration maxWait) {
            suspendedFor = maxWait;
        }
    }

    private static AuthConfig config(int timeoutMs) {
        return AuthConfig.of(new AuthServiceSettings(auth.address(), null, null, timeoutMs, null, List.of("x-user"),
                null, null, null, false, null));
    }

    private static TestExchange request(String authorization) {
        return new TestExchange(Map.of(":method", "GET", ":scheme", "http", ":authority", "gw", ":path", "/a",
                "authorization", authorization));
    }

    @Test
    void theFilterReturnsSuspendedAndTheAnswerResumesTheChainOnAnotherThread() throws Exception {
        RecordingChain chain = new RecordingChain();
        TestExchange exchange = request("Bearer good");
        try (AuthServiceFilter filter = new AuthServiceFilter(config(5_000), HttpAuthClient.start(config(5_000)))) {
            filter.filter(exchange, chain);
            assertEquals(Duration.ofMillis(6_000), chain.suspendedFor);
            assertNotSame(Thread.currentThread(), chain.proceeded.get(5, TimeUnit.SECONDS));
        }
        assertEquals("alice", exchange.header("x-user"));
    }

    @Test
    void aRouteWithBypassAuthProceedsWithoutAskingOrSuspending() {
        RecordingChain chain = new RecordingChain();
        TestExchange exchange = request("Bearer bad").routedWith(new AuthServiceSettings(null, null, null, null, null,
                null, null, null, null, true, null));
        auth.forget();
        try (AuthServiceFilter filter = new AuthServiceFilter(config(5_000), HttpAuthClient.start(config(5_000)))) {
            filter.filter(exchange, chain);
        }
        assertTrue(chain.proceeded.isDone());
        assertNull(chain.suspendedFor);
        assertTrue(auth.askedNothing());
    }

    @Test
    void closingTheFilterStopsItsHttpClient() throws Exception {
        HttpAuthClient client = HttpAuthClient.start(config(5_000));
        new AuthServiceFilter(config(5_000), client).close();
        client.stopped().get(5, TimeUnit.SECONDS);
        Throwable failure = client.check(AuthRequest.of(request("Bearer good"), List.of("authorization"), null))
                .handle((verdict, e) -> e).toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertTrue(failure != null, "a stopped client still asked the service");
    }
}
