package io.legate.pluginhost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.legate.plugin.Chain;
import io.legate.plugin.Exchange;
import io.legate.plugin.GatewayFilter;
import io.legate.plugin.PluginFactory;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A filter lives as long as its plugin's settings: kept while they are the same, closed once replaced. */
class FilterChainLifecycleTest {

    private static final AtomicInteger CLOSED = new AtomicInteger();

    /** Makes a filter that counts its closing. */
    private record Counting() implements PluginFactory<Counting.Settings> {
        record Settings(String target) {
        }

        public String name() {
            return "counting";
        }

        public int order() {
            return 1;
        }

        public Class<Settings> settingsType() {
            return Settings.class;
        }

        public Optional<GatewayFilter> filter(Settings settings) {
            return Optional.of(new GatewayFilter() {
                @Override
                public void filter(Exchange exchange, Chain chain) {
                    chain.proceed();
                }

                @Override
                public void close() {
                    CLOSED.incrementAndGet();
                }
            });
        }
    }

    private static final PluginRegistry REGISTRY = PluginRegistry.of(new Counting());

    private static FilterChain chain(String target, FilterChain current) {
        return FilterChain.of(REGISTRY, Map.of("counting", new Counting.Settings(target)), current);
    }

    private static GatewayFilter filter(FilterChain chain) {
        return chain.links().get(0).filter();
    }

    /** How many filters closed when {@code first} was replaced by {@code second}. */
    private static int closedReplacing(FilterChain first, FilterChain second) {
        int before = CLOSED.get();
        first.closeReplacedBy(second);
        return CLOSED.get() - before;
    }

    @Test
    void aPluginWhoseSettingsAreTheSameKeepsItsFilterOpen() {
        FilterChain first = chain("a", FilterChain.EMPTY);
        FilterChain second = chain("a", first);
        assertSame(filter(first), filter(second));
        assertEquals(0, closedReplacing(first, second));
    }

    @Test
    void aPluginWhoseSettingsChangedGetsANewFilterAndTheOldOneIsClosedOnce() {
        FilterChain first = chain("a", FilterChain.EMPTY);
        FilterChain second = chain("b", first);
        assertNotSame(filter(first), filter(second));
        assertEquals(1, closedReplacing(first, second));
    }
}
