package com.acme.requestid;

import io.legate.plugin.Chain;
import io.legate.plugin.Exchange;
import io.legate.plugin.GatewayFilter;

import java.util.UUID;

/** Stamps a random UUID on a request that has no id, and arranges for the id to be echoed on the response. */
final class RequestIdFilter implements GatewayFilter {

    private final String header;
    private final boolean echo;

    RequestIdFilter(String header, boolean echo) {
        this.header = header;
        this.echo = echo;
    }

    @Override
    public void filter(Exchange exchange, Chain chain) {
        String id = exchange.header(header);
        if (id == null || id.isBlank()) {
            id = UUID.randomUUID().toString();
            exchange.setHeader(header, id);
        }
        if (echo) {
            exchange.onResponse(new EchoRequestId(header, id));
        }
        chain.proceed();
    }
}
