package io.legate.proxy;

import io.legate.plugin.Chain;
import io.legate.pluginhost.FilterChain;
import java.util.List;

/**
 * One request's walk down the filter chain, which holds each filter to its contract: proceed exactly once, or
 * reply instead, before returning. The first broken rule is kept even if the plugin catches what was thrown at
 * it, and ends the request with an error naming the plugin.
 */
final class ChainRun {

    private final List<FilterChain.Link> links;
    private final ProxyExchange exchange;
    private PluginFailure failure;
    private boolean reachedEnd;

    ChainRun(FilterChain chain, ProxyExchange exchange) {
        this.links = chain.links();
        this.exchange = exchange;
    }

    /**
     * Runs the chain.
     *
     * @return true when every filter proceeded and the request goes upstream; false when a filter replied
     * @throws PluginFailure when a filter broke the contract or threw
     */
    boolean run() {
        invoke(0);
        if (failure != null) {
            throw failure;
        }
        return reachedEnd;
    }

    private void invoke(int index) {
        if (index == links.size()) {
            reachedEnd = true;
            exchange.forwarding();
            return;
        }
        FilterChain.Link link = links.get(index);
        Step step = new Step(index);
        String previous = exchange.enter(link.plugin());
        try {
            link.filter().filter(exchange, step);
        } catch (PluginFailure e) {
            breaks(e);
        } catch (RuntimeException e) {
            breaks(PluginFailure.thrown(link.plugin(), "its filter", e));
        } finally {
            exchange.enter(previous);
        }
        if (step.proceeded == 0 && !exchange.replied()) {
            breaks(PluginFailure.contract(link.plugin(), "returned without proceeding or replying"));
        }
    }

    private void breaks(PluginFailure e) {
        if (failure == null) {
            failure = e;
        }
    }

    private final class Step implements Chain {
        private final int index;
        private int proceeded;

        Step(int index) {
            this.index = index;
        }

        @Override
        public void proceed() {
            String plugin = links.get(index).plugin();
            if (++proceeded > 1) {
                fail(PluginFailure.contract(plugin, "called proceed() twice"));
            }
            if (exchange.replied()) {
                fail(PluginFailure.contract(plugin, "continued the chain after replying"));
            }
            invoke(index + 1);
        }

        private void fail(PluginFailure e) {
            breaks(e);
            throw e;
        }
    }
}
