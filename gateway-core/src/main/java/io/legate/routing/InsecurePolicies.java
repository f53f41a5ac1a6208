package io.legate.routing;

import io.legate.hostname.HostMatcher;
import java.util.List;
import java.util.Locale;

/**
 * What happens to a cleartext request, from the Hosts: the first Host (by name) whose {@code hostname} matches the
 * request's host decides; with no Host matching, the request is routed, so a lone Mapping works.
 */
public final class InsecurePolicies {

    public enum Action { ROUTE, REDIRECT, REJECT }

    /** One Host: its {@code hostname} glob and {@code requestPolicy.insecure.action}. */
    public record Policy(String hostName, String hostname, HostMatcher matcher, Action action) {
    }

    public static final InsecurePolicies NONE = new InsecurePolicies(List.of());

    private final List<Policy> policies;

    public InsecurePolicies(List<Policy> policies) {
        this.policies = List.copyOf(policies);
    }

    public List<Policy> policies() {
        return policies;
    }

    /** The policy for a request to {@code authority} ({@code host[:port]}); null when no Host matches. */
    public Policy forAuthority(String authority) {
        if (policies.isEmpty() || authority == null) {
            return null;
        }
        String host = stripPort(authority).toLowerCase(Locale.ROOT);
        for (Policy policy : policies) {
            if (policy.matcher().matches(host)) {
                return policy;
            }
        }
        return null;
    }

    static String stripPort(String authority) {
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            return close < 0 ? authority : authority.substring(0, close + 1);
        }
        int colon = authority.indexOf(':');
        return colon < 0 ? authority : authority.substring(0, colon);
    }
}
