package io.legate.admin.store;

import io.legate.resource.model.ResourceKind;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The lower-case plural that names a kind in URLs and in the store's directories: {@code mappings}, {@code tlscontexts}. */
public final class KindNames {

    private KindNames() {
    }

    public static String plural(ResourceKind kind) {
        String name = kind.yamlName().toLowerCase(Locale.ROOT);
        // Kubernetes' Endpoints is already plural: /api/v1/endpoints, as kubectl names it.
        return name.endsWith("s") ? name : name + "s";
    }

    public static Optional<ResourceKind> fromPlural(String plural) {
        return Arrays.stream(ResourceKind.values()).filter(k -> plural(k).equals(plural)).findFirst();
    }

    /** Every plural, for messages: {@code mappings, hosts, tlscontexts, modules, secrets, endpoints, ...}. */
    public static String all() {
        return String.join(", ", Arrays.stream(ResourceKind.values()).map(KindNames::plural).toList());
    }
}
