package io.legate.admin.store.etcd;

import io.etcd.jetcd.ByteSequence;
import io.legate.admin.store.KindNames;
import io.legate.resource.model.ResourceKind;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * One key per resource: {@code <prefix><kind>/<name>}, e.g. {@code /legate/mappings/greeter}; and one per gateway of
 * the fleet, under {@code <prefix>instances/}.
 */
final class EtcdKeys {

    /** The kind and name a key stands for. */
    record Named(ResourceKind kind, String name) {
    }

    private final String prefix;

    EtcdKeys(String prefix) {
        this.prefix = prefix;
    }

    String prefix() {
        return prefix;
    }

    ByteSequence prefixBytes() {
        return bytes(prefix);
    }

    /** Where the gateways of the fleet register: {@code <prefix>instances/}. */
    String instancesPrefix() {
        return prefix + "instances/";
    }

    /** Whether {@code key} holds a resource, rather than a gateway's registration. */
    boolean holdsResource(ByteSequence key) {
        return !key.startsWith(bytes(instancesPrefix()));
    }

    String key(ResourceKind kind, String name) {
        return prefix + KindNames.plural(kind) + "/" + name;
    }

    /** The resource {@code key} stands for; empty for a key of another shape under the prefix. */
    Optional<Named> parse(String key) {
        if (!key.startsWith(prefix)) {
            return Optional.empty();
        }
        String rest = key.substring(prefix.length());
        int slash = rest.indexOf('/');
        if (slash < 0 || rest.indexOf('/', slash + 1) >= 0 || slash == rest.length() - 1) {
            return Optional.empty();
        }
        return KindNames.fromPlural(rest.substring(0, slash)).map(kind -> new Named(kind, rest.substring(slash + 1)));
    }

    static ByteSequence bytes(String text) {
        return ByteSequence.from(text, StandardCharsets.UTF_8);
    }
}
