package io.legate.admin.store.etcd;

import io.legate.admin.store.StoredResource;
import io.legate.resource.Resource;
import io.legate.resource.model.ResourceKind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What one gateway serves of etcd: every key under the prefix as of one revision. Immutable: a change makes a new
 * table, swapped in whole, so that readers never see part of a transaction.
 *
 * @param revision the etcd revision it reflects
 * @param entries  by key, in key order (so by kind, then name)
 */
record StoreTable(long revision, SortedMap<String, EtcdValues.Entry> entries) {

    static final StoreTable EMPTY = new StoreTable(0, new TreeMap<>());

    StoreTable {
        entries = Collections.unmodifiableSortedMap(new TreeMap<>(entries));
    }

    List<StoredResource> list(ResourceKind kind) {
        return entries.values().stream().map(EtcdValues.Entry::stored).filter(Objects::nonNull)
                .filter(stored -> stored.resource().kind() == kind).toList();
    }

    Optional<StoredResource> get(String key) {
        return Optional.ofNullable(entries.get(key)).map(EtcdValues.Entry::stored);
    }

    /** The revision of {@code key}'s value, 0 when there is none (as etcd compares a missing key). */
    long modRevision(String key) {
        EtcdValues.Entry entry = entries.get(key);
        return entry == null ? 0 : entry.modRevision();
    }

    List<Resource> resources() {
        List<Resource> all = new ArrayList<>();
        entries.values().forEach(entry -> {
            if (entry.stored() != null) {
                all.add(entry.stored().resource());
            }
        });
        return all;
    }

    /** Whether both hold the same keys at the same revisions: then they serve the same routes. */
    boolean sameKeys(Map<String, Long> modRevisions) {
        if (modRevisions.size() != entries.size()) {
            return false;
        }
        return modRevisions.entrySet().stream().allMatch(e -> modRevision(e.getKey()) == e.getValue());
    }

    /** The revision of each key. */
    Map<String, Long> modRevisions() {
        Map<String, Long> revisions = new TreeMap<>();
        entries.forEach((key, entry) -> revisions.put(key, entry.modRevision()));
        return revisions;
    }
}
