package io.legate.admin.store.etcd;

import io.etcd.jetcd.KeyValue;
import io.legate.admin.store.KindNames;
import io.legate.admin.store.StoredDocuments;
import io.legate.admin.store.StoredResource;
import io.legate.resource.LoadResult;
import io.legate.resource.model.Problem;
import io.legate.resource.Resource;
import io.legate.resource.ResourceLoader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Reads a key's value, written by any gateway or by {@code etcdctl}, through the same loader and validator as
 * {@code conf/resources/}: a value that does not load is reported, by key and field, and skipped.
 */
final class EtcdValues {

    /** A key as this gateway read it: its revision, and the resource, or the problems that kept it from loading. */
    record Entry(long modRevision, StoredResource stored, List<Problem> problems) {
    }

    private final EtcdKeys keys;
    private final ResourceLoader loader;

    EtcdValues(EtcdKeys keys, ResourceLoader loader) {
        this.keys = keys;
        this.loader = loader;
    }

    Entry read(KeyValue kv) {
        String key = kv.getKey().toString(StandardCharsets.UTF_8);
        long revision = kv.getModRevision();
        Optional<EtcdKeys.Named> named = keys.parse(key);
        if (named.isEmpty()) {
            return failed(revision, key, null, "not a key of the store (expected: " + keys.prefix() + "<kind>/<name>, kind one of "
                    + KindNames.all() + ")");
        }
        EtcdKeys.Named expected = named.get();
        String label = expected.kind().yamlName() + "/" + expected.name();
        LoadResult result = loader.parse(key, kv.getValue().toString(StandardCharsets.UTF_8));
        if (result.hasErrors()) {
            return new Entry(revision, null, result.errors());
        }
        if (result.resources().size() != 1) {
            return failed(revision, key, label, "holds " + result.resources().size() + " resources (expected: one)");
        }
        Resource resource = result.resources().get(0);
        if (resource.kind() != expected.kind() || !resource.name().equals(expected.name())) {
            return failed(revision, key, resource.label(), "holds " + resource.label() + " (expected: " + label + ")");
        }
        return new Entry(revision, StoredDocuments.withVersion(resource, Long.toString(revision)), List.of());
    }

    private static Entry failed(long revision, String key, String label, String message) {
        return new Entry(revision, null, List.of(new Problem(Problem.Severity.ERROR, key, label, null, message)));
    }
}
