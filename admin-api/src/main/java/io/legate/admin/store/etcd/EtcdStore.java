package io.legate.admin.store.etcd;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.Txn;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import io.legate.admin.store.GatewayInstance;
import io.legate.admin.store.IfMatch;
import io.legate.admin.store.ResourceStore;
import io.legate.admin.store.StoreException;
import io.legate.admin.store.StoreStatus;
import io.legate.admin.store.StoredDocuments;
import io.legate.admin.store.StoredResource;
import io.legate.config.StoreConfig;
import io.legate.resource.model.Problem;
import io.legate.resource.Resource;
import io.legate.resource.model.ResourceKind;
import io.legate.resource.ResourceLoader;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store of a fleet: every resource in etcd v3, one key per resource ({@link EtcdKeys}), the stored YAML as
 * value, its {@code mod_revision} as {@code metadata.resourceVersion}.
 *
 * <p>Reads answer from the table this gateway serves ({@link EtcdWatcher}). Every write is one etcd transaction
 * that holds only if each key it writes is still at the revision this gateway checked, so that two gateways never
 * lose each other's updates; a write is answered once this gateway's watch has brought it into the routes. While
 * etcd does not answer, writes are refused at once (503) and never sent later.
 */
public final class EtcdStore implements ResourceStore {

    private static final Logger LOG = LoggerFactory.getLogger(EtcdStore.class);
    private static final Duration START_WAIT = Duration.ofSeconds(3);
    /** How long a write waits for the watch to bring it (or the change that beat it) into this gateway's table. */
    private static final Duration ROUTE_WAIT = Duration.ofSeconds(5);
    /** A write that loses a race with another gateway's is checked again and retried this many times. */
    private static final int ATTEMPTS = 5;

    private final Client client;
    private final EtcdKeys keys;
    private final EtcdWatcher watcher;
    private final Vetting vetting;
    private final Object writeLock = new Object();

    private EtcdStore(Client client, EtcdKeys keys, EtcdWatcher watcher, Vetting vetting) {
        this.client = client;
        this.keys = keys;
        this.watcher = watcher;
        this.vetting = vetting;
    }

    /**
     * Connects to etcd and starts following {@code config.prefix()}; waits a few seconds for the first read, and
     * when etcd does not answer, opens all the same: it serves nothing from etcd until etcd answers, and says so
     * in {@link #status()}. {@code onChange} gets every stored resource after each change, from any gateway;
     * {@code report} gets each value that does not load.
     */
    public static EtcdStore open(StoreConfig config, ResourceLoader loader, Vetting vetting,
                                 Consumer<List<Resource>> onChange, Consumer<Problem> report) throws IOException {
        Client client = EtcdClients.client(config);
        EtcdKeys keys = new EtcdKeys(config.prefix());
        EtcdWatcher watcher = new EtcdWatcher(client, keys, new EtcdValues(keys, loader),
                table -> onChange.accept(table.resources()), report);
        watcher.start();
        try {
            if (!watcher.awaitFirstRead(START_WAIT)) {
                LOG.warn("etcd at {} does not answer: serving conf/resources/ alone until it does", config.endpoints());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading etcd");
        }
        return new EtcdStore(client, keys, watcher, vetting);
    }

    @Override
    public List<Problem> loadProblems() {
        // Each value that does not load is reported as it is read, at start or later.
        return List.of();
    }

    @Override
    public List<StoredResource> list(ResourceKind kind) {
        return watcher.table().list(kind);
    }

    @Override
    public Optional<StoredResource> get(ResourceKind kind, String name) {
        return watcher.table().get(keys.key(kind, name));
    }

    @Override
    public List<Resource> resources() {
        return watcher.table().resources();
    }

    @Override
    public Change create(Resource resource) throws StoreException, IOException {
        return write(resource, IfMatch.NONE, true);
    }

    @Override
    public Change put(Resource resource, IfMatch ifMatch) throws StoreException, IOException {
        return write(resource, ifMatch, false);
    }

    private Change write(Resource resource, IfMatch ifMatch, boolean create) throws StoreException, IOException {
        String key = keys.key(resource.kind(), resource.name());
        synchronized (writeLock) {
            for (int attempt = 1; ; attempt++) {
                StoreTable table = available(resource.label());
                Optional<StoredResource> current = table.get(key);
                if (create && table.modRevision(key) != 0) {
                    throw new StoreException(StoreException.Reason.EXISTS, resource.label(),
                            resource.label() + " already exists; PUT replaces it");
                }
                String currentVersion = table.modRevision(key) == 0 ? null : Long.toString(table.modRevision(key));
                if (!ifMatch.admits(currentVersion)) {
                    throw StoreException.stale(resource.label(), currentVersion, ifMatch);
                }
                vetting.check(resource.label(), table.resources(), List.of(resource), null);
                if (current.isPresent() && sameContent(current.get(), resource)) {
                    return new Change(current.get(), Outcome.UNCHANGED);
                }
                byte[] value = StoredDocuments.yaml(StoredDocuments.content(resource.raw()));
                EtcdTransactions.checkSize(resource.label(), List.of(key), value.length);
                Txn txn = client.getKVClient().txn()
                        .If(unchanged(key, table))
                        .Then(Op.put(bytes(key), ByteSequence.from(value), PutOption.DEFAULT))
                        .Else(Op.get(bytes(key), GetOption.DEFAULT));
                TxnResponse response = EtcdTransactions.commit(txn, resource.label());
                if (response.isSucceeded()) {
                    long revision = response.getHeader().getRevision();
                    StoredResource stored = StoredDocuments.withVersion(resource, Long.toString(revision));
                    awaitRevision(revision);
                    return new Change(stored, table.modRevision(key) != 0 ? Outcome.CHANGED : Outcome.CREATED);
                }
                lostRace(resource.label(), attempt, List.of(key), response);
            }
        }
    }

    @Override
    public StoredResource delete(ResourceKind kind, String name, IfMatch ifMatch) throws StoreException, IOException {
        String label = kind.yamlName() + "/" + name;
        String key = keys.key(kind, name);
        synchronized (writeLock) {
            for (int attempt = 1; ; attempt++) {
                StoreTable table = available(label);
                Optional<StoredResource> current = table.get(key);
                if (current.isEmpty()) {
                    throw new StoreException(StoreException.Reason.NOT_FOUND, label, label + " not found");
                }
                if (!ifMatch.admits(current.get().version())) {
                    throw StoreException.stale(label, current.get().version(), ifMatch);
                }
                vetting.check(label, table.resources(), List.of(), current.get().resource());
                Txn txn = client.getKVClient().txn()
                        .If(unchanged(key, table))
                        .Then(Op.delete(bytes(key), DeleteOption.DEFAULT))
                        .Else(Op.get(bytes(key), GetOption.DEFAULT));
                TxnResponse response = EtcdTransactions.commit(txn, label);
                if (response.isSucceeded()) {
                    awaitRevision(response.getHeader().getRevision());
                    return current.get();
                }
                lostRace(label, attempt, List.of(key), response);
            }
        }
    }

    /**
     * One transaction for the whole batch: it holds only if no key of the batch changed since this gateway read
     * it, so the fleet gets all of it or none. A batch above etcd's limits for one transaction is refused whole.
     */
    @Override
    public List<Change> apply(List<Resource> resources) throws StoreException, IOException {
        synchronized (writeLock) {
            for (int attempt = 1; ; attempt++) {
                StoreTable table = available("the batch");
                vetting.check("the batch", table.resources(), resources, null);
                Map<String, Resource> byKey = new LinkedHashMap<>();
                resources.forEach(r -> byKey.put(keys.key(r.kind(), r.name()), r));
                Map<String, byte[]> written = new LinkedHashMap<>();
                List<Change> changes = new ArrayList<>();
                for (Map.Entry<String, Resource> entry : byKey.entrySet()) {
                    Optional<StoredResource> current = table.get(entry.getKey());
                    if (current.isPresent() && sameContent(current.get(), entry.getValue())) {
                        changes.add(new Change(current.get(), Outcome.UNCHANGED));
                    } else {
                        written.put(entry.getKey(), StoredDocuments.yaml(StoredDocuments.content(entry.getValue().raw())));
                        changes.add(new Change(null, table.modRevision(entry.getKey()) == 0 ? Outcome.CREATED : Outcome.CHANGED));
                    }
                }
                if (written.isEmpty()) {
                    return changes;
                }
                EtcdTransactions.checkSize("the batch", List.copyOf(written.keySet()),
                        written.values().stream().mapToLong(v -> v.length).sum());
                Txn txn = client.getKVClient().txn()
                        .If(written.keySet().stream().map(key -> unchanged(key, table)).toArray(Cmp[]::new))
                        .Then(written.entrySet().stream().map(e -> Op.put(bytes(e.getKey()), ByteSequence.from(e.getValue()),
                                PutOption.DEFAULT)).toArray(Op[]::new))
                        .Else(written.keySet().stream().map(key -> Op.get(bytes(key), GetOption.DEFAULT)).toArray(Op[]::new));
                TxnResponse response = EtcdTransactions.commit(txn, "the batch");
                if (response.isSucceeded()) {
                    long revision = response.getHeader().getRevision();
                    awaitRevision(revision);
                    return stamped(byKey, changes, revision);
                }
                lostRace("the batch", attempt, List.copyOf(written.keySet()), response);
            }
        }
    }

    /** The changes of an applied batch, each written resource at the batch's revision. */
    private static List<Change> stamped(Map<String, Resource> byKey, List<Change> changes, long revision) {
        List<Change> stamped = new ArrayList<>();
        int i = 0;
        for (Resource resource : byKey.values()) {
            Change change = changes.get(i++);
            stamped.add(change.resource() != null ? change
                    : new Change(StoredDocuments.withVersion(resource, Long.toString(revision)), change.outcome()));
        }
        return stamped;
    }

    @Override
    public void register(String name) {
        watcher.register(new FleetRegistration(client, keys, name));
    }

    @Override
    public List<GatewayInstance> instances() throws StoreException {
        try {
            return FleetRegistration.instances(client, keys);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException(StoreException.Reason.UNAVAILABLE, null, "interrupted while reading etcd");
        } catch (Exception e) {
            throw new StoreException(StoreException.Reason.UNAVAILABLE, null, "etcd is unavailable (" + e.getMessage()
                    + "): cannot list the fleet's gateways");
        }
    }

    @Override
    public StoreStatus status() {
        return new StoreStatus("etcd", watcher.downSince(), watcher.table().revision());
    }

    @Override
    public void close() {
        try {
            watcher.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        client.close();
    }

    /** The table to write over; refused at once while etcd does not answer, so that nothing is sent. */
    private StoreTable available(String label) throws StoreException {
        if (watcher.downSince() != null) {
            throw new StoreException(StoreException.Reason.UNAVAILABLE, label, "etcd is unavailable since "
                    + watcher.downSince() + " (this gateway serves revision " + watcher.table().revision()
                    + "): the write is not stored; retry once etcd is back");
        }
        return watcher.table();
    }

    /** The compare of a transaction: {@code key} is still at the revision {@code table} has (0: still absent). */
    private static Cmp unchanged(String key, StoreTable table) {
        return new Cmp(bytes(key), Cmp.Op.EQUAL, CmpTarget.modRevision(table.modRevision(key)));
    }

    private static boolean sameContent(StoredResource current, Resource resource) {
        return StoredDocuments.content(current.document()).equals(StoredDocuments.content(resource.raw()));
    }

    /**
     * Another write changed a key between this gateway's check and its transaction: waits until the watch shows
     * the keys as the transaction found them, so that the next attempt checks (and vets) what is stored now.
     */
    private void lostRace(String label, int attempt, List<String> compared, TxnResponse response) throws IOException {
        if (attempt >= ATTEMPTS) {
            throw new IOException(label + ": kept losing to concurrent writes of the same resources over "
                    + ATTEMPTS + " attempts; nothing is stored");
        }
        Map<String, Long> found = new HashMap<>();
        response.getGetResponses().forEach(get -> {
            for (KeyValue kv : get.getKvs()) {
                found.put(kv.getKey().toString(StandardCharsets.UTF_8), kv.getModRevision());
            }
        });
        await(table -> compared.stream().allMatch(key -> found.containsKey(key)
                ? table.modRevision(key) >= found.get(key) : table.modRevision(key) == 0));
    }

    private void awaitRevision(long revision) throws InterruptedIOException {
        if (!await(table -> table.revision() >= revision)) {
            LOG.warn("etcd revision {} is stored but not yet served here after {}: the watch is behind", revision, ROUTE_WAIT);
        }
    }

    private boolean await(Predicate<StoreTable> condition) throws InterruptedIOException {
        try {
            return watcher.await(condition, ROUTE_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the etcd watch");
        }
    }

    private static ByteSequence bytes(String key) {
        return EtcdKeys.bytes(key);
    }
}
