package com.acme.requestid;

import io.legate.plugin.GatewayFilter;
import io.legate.plugin.PluginFactory;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Gives every request an id, {@code x-request-id} by default, and echoes it on the response. */
public final class RequestIdFactory implements PluginFactory<RequestIdSettings> {

    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    // Headers the gateway or HTTP itself owns: an id written there would break the request.
    private static final Set<String> RESERVED = Set.of("connection", "content-length", "content-type", "host",
            "keep-alive", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade");

    @Override
    public String name() {
        return "request_id";
    }

    /** Before the built-in plugins (100 and up), so that its response filter sees every reply, theirs included. */
    @Override
    public int order() {
        return 50;
    }

    @Override
    public Class<RequestIdSettings> settingsType() {
        return RequestIdSettings.class;
    }

    @Override
    public List<String> validate(RequestIdSettings settings) {
        String header = settings.header();
        if (!TOKEN.matcher(header).matches()) {
            return List.of("header: \"" + header + "\" is not a header name (expected: letters, digits and -,"
                    + " such as x-request-id)");
        }
        String name = header.toLowerCase(Locale.ROOT);
        if (RESERVED.contains(name) || name.startsWith("grpc-")) {
            return List.of("header: \"" + header + "\" belongs to HTTP or gRPC (expected: a header of your own,"
                    + " such as x-request-id)");
        }
        return List.of();
    }

    @Override
    public Optional<GatewayFilter> filter(RequestIdSettings settings) {
        return Optional.of(new RequestIdFilter(settings.header(), settings.echo()));
    }
}
