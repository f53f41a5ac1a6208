package io.legate.resource;

import com.fasterxml.jackson.databind.JsonNode;
import io.legate.access.CallerPolicy;
import io.legate.access.CidrBlock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads the Module's {@code ip_allow} and {@code ip_deny} (Emissary's shape: a list of {@code {peer: <ip or cidr>}}
 * or {@code {remote: <ip or cidr>}}, at most one of the two lists) and {@code x_forwarded_proto_redirect}.
 */
final class CallerPolicyReader {

    static final String IP_ALLOW = "ip_allow";
    static final String IP_DENY = "ip_deny";
    static final String FORWARDED_PROTO_REDIRECT = "x_forwarded_proto_redirect";

    private CallerPolicyReader() {
    }

    static CallerPolicy read(SpecFields config) {
        List<CidrBlock> allow = blocks(config, IP_ALLOW);
        List<CidrBlock> deny = blocks(config, IP_DENY);
        if (!allow.isEmpty() && !deny.isEmpty()) {
            // Emissary takes one or the other: which would win is not written anywhere.
            config.error(IP_DENY, "set either " + IP_ALLOW + " or " + IP_DENY + ", not both");
            return CallerPolicy.OPEN;
        }
        return new CallerPolicy(allow, deny, config.bool(FORWARDED_PROTO_REDIRECT));
    }

    private static List<CidrBlock> blocks(SpecFields config, String name) {
        JsonNode list = config.present(name);
        if (list == null) {
            return List.of();
        }
        if (!list.isArray()) {
            config.wrongType(name, list, "a list of {peer: <ip or cidr>} or {remote: <ip or cidr>}");
            return List.of();
        }
        List<CidrBlock> blocks = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String field = config.field(name) + "[" + i + "]";
            JsonNode entry = list.get(i);
            if (!entry.isObject() || entry.size() != 1) {
                config.problemAt(field, "expected {peer: <ip or cidr>} or {remote: <ip or cidr>}, got "
                        + SpecFields.describe(entry));
                continue;
            }
            Iterator<Map.Entry<String, JsonNode>> only = entry.fields();
            Map.Entry<String, JsonNode> rule = only.next();
            if (!rule.getKey().equals("peer") && !rule.getKey().equals("remote")) {
                config.problemAt(field + "." + rule.getKey(), "unknown key (expected: peer or remote)");
                continue;
            }
            if (!rule.getValue().isTextual()) {
                config.problemAt(field + "." + rule.getKey(), "expected an IP address or CIDR block, got "
                        + SpecFields.describe(rule.getValue()));
                continue;
            }
            try {
                blocks.add(CidrBlock.parse(rule.getValue().textValue()));
            } catch (IllegalArgumentException e) {
                config.problemAt(field + "." + rule.getKey(), e.getMessage());
            }
        }
        return blocks;
    }
}
