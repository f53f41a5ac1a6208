package io.legate.resource;

import io.legate.resource.model.ResourceKind;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/** Reads and checks the {@code spec} of a Host. */
final class HostSpecReader {

    private static final Set<String> IMPLEMENTED = Set.of("hostname", "tlsSecret", "tlsContext", "requestPolicy");

    private static final String ACTIONS = Arrays.stream(HostSpec.InsecureAction.values())
            .map(HostSpec.InsecureAction::yamlName).collect(Collectors.joining(", "));

    private HostSpecReader() {
    }

    static HostSpec read(JsonNode spec, Problems problems) {
        SpecFields f = new SpecFields(spec, "spec", problems);
        HostSpec result = new HostSpec(
                f.string("hostname"), nameOf(f, "tlsSecret"), nameOf(f, "tlsContext"), insecureAction(f));
        f.reportIgnored(IMPLEMENTED, EmissaryFields.listed().specFields(ResourceKind.HOST));
        return result;
    }

    /** The {@code name} of a reference such as {@code tlsSecret: {name: x}}. */
    private static String nameOf(SpecFields f, String field) {
        SpecFields reference = f.object(field);
        return reference == null ? null : reference.string("name");
    }

    private static HostSpec.InsecureAction insecureAction(SpecFields f) {
        SpecFields policy = f.object("requestPolicy");
        SpecFields insecure = policy == null ? null : policy.object("insecure");
        String action = insecure == null ? null : insecure.string("action");
        if (action == null) {
            return HostSpec.InsecureAction.REDIRECT;
        }
        return Arrays.stream(HostSpec.InsecureAction.values())
                .filter(a -> a.yamlName().equals(action))
                .findFirst()
                .orElseGet(() -> {
                    insecure.error("action", "\"" + action + "\" is not one of " + ACTIONS);
                    return HostSpec.InsecureAction.REDIRECT;
                });
    }
}
