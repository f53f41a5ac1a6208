package io.legate.admin.store;

import io.legate.resource.model.Problem;
import io.legate.resource.Resource;
import io.legate.resource.model.ResourceKind;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the resources written through the admin API are kept: {@link FileStore} (the default, one gateway) or
 * {@link io.legate.admin.store.etcd.EtcdStore} (a fleet of gateways sharing one configuration).
 *
 * <p>Every accepted write routes on this gateway before the call returns. Reads take no lock and see only what is
 * stored. A write refused for what is stored throws {@link StoreException}, and nothing is changed.
 */
public interface ResourceStore extends AutoCloseable {

    /**
     * At most 250 characters: {@code <name>.yaml} must fit in the 255 bytes a file name may have, so the 251
     * to 253 characters that DNS names may have are refused.
     */
    int MAX_NAME_LENGTH = 250;

    enum Outcome { CREATED, CHANGED, UNCHANGED }

    /**
     * Vets a change of the stored set before anything is written: the problems that {@code after} has and
     * {@code before} had not (a reference left dangling); empty to accept the change.
     */
    @FunctionalInterface
    interface Vetting {
        List<Problem> problemsIntroduced(List<Resource> before, List<Resource> after);

        /** Refuses writing {@code written} and deleting {@code deleted} (or null) over {@code before}, when that leaves a reference dangling. */
        default void check(String label, List<Resource> before, List<Resource> written, Resource deleted)
                throws StoreException {
            Map<String, Resource> after = new LinkedHashMap<>();
            before.forEach(r -> after.put(r.label(), r));
            written.forEach(r -> after.put(r.label(), r));
            if (deleted != null) {
                after.remove(deleted.label());
            }
            List<Problem> problems = problemsIntroduced(before, List.copyOf(after.values())).stream()
                    .filter(Problem::isError).toList();
            if (!problems.isEmpty()) {
                throw new StoreException(StoreException.Reason.DANGLING_REFERENCE, label,
                        "refused: " + problems.get(0) + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : ""),
                        problems);
            }
        }
    }

    /** What a write did, with the resource as stored now. */
    record Change(StoredResource resource, Outcome outcome) {
    }

    /** What failed to load when the store was opened: each names its source and field. */
    List<Problem> loadProblems();

    /** The stored resources of {@code kind}, by name. */
    List<StoredResource> list(ResourceKind kind);

    Optional<StoredResource> get(ResourceKind kind, String name);

    /** Every stored resource, of every kind. */
    List<Resource> resources();

    /** Stores a new resource; refused with {@link StoreException.Reason#EXISTS} when the name is taken. */
    Change create(Resource resource) throws StoreException, IOException;

    /** Creates or replaces a resource, when {@code ifMatch} admits what is stored now. */
    Change put(Resource resource, IfMatch ifMatch) throws StoreException, IOException;

    /** Deletes a resource, when {@code ifMatch} admits what is stored now; answers what was deleted. */
    StoredResource delete(ResourceKind kind, String name, IfMatch ifMatch) throws StoreException, IOException;

    /** Creates or replaces every resource of a validated batch, all or nothing; the routes are rebuilt once. */
    List<Change> apply(List<Resource> resources) throws StoreException, IOException;

    /** Whether the store answers, for {@code /readyz} and {@code /metrics}. */
    StoreStatus status();

    /**
     * Registers this gateway, {@code name}, with the fleet that shares the store, so that {@link #instances()}
     * lists it with the revision it serves; nothing for a store of one gateway.
     */
    default void register(String name) {
    }

    /** The live gateways sharing the store, with the revision each serves; empty for a store of one gateway. */
    default List<GatewayInstance> instances() throws StoreException {
        return List.of();
    }

    @Override
    default void close() {
    }
}
