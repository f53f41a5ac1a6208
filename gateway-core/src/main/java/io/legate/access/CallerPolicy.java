package io.legate.access;

import java.net.InetAddress;
import java.util.List;

/**
 * Who may call, and over what, from the {@code ambassador} Module: {@code ip_allow} (only callers in these blocks),
 * {@code ip_deny} (no caller in these blocks) and {@code x_forwarded_proto_redirect} (a request that a load balancer
 * took over cleartext, {@code X-Forwarded-Proto: http}, is sent to https). As in Emissary, the caller is the peer
 * of the connection: Legate does not read {@code X-Forwarded-For}, so {@code remote} and {@code peer} match the same
 * address.
 */
public record CallerPolicy(List<CidrBlock> allow, List<CidrBlock> deny, boolean forwardedProtoRedirect) {

    public static final CallerPolicy OPEN = new CallerPolicy(List.of(), List.of(), false);

    public CallerPolicy {
        allow = List.copyOf(allow);
        deny = List.copyOf(deny);
    }

    /** Whether any address is refused: when not, a request's address need not be looked at. */
    public boolean screensAddresses() {
        return !allow.isEmpty() || !deny.isEmpty();
    }

    public boolean allows(InetAddress caller) {
        if (!allow.isEmpty() && allow.stream().noneMatch(block -> block.contains(caller))) {
            return false;
        }
        return deny.stream().noneMatch(block -> block.contains(caller));
    }
}
