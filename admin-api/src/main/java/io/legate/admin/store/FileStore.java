package io.legate.admin.store;

import io.legate.resource.model.Problem;
import io.legate.resource.Resource;
import io.legate.resource.ResourceLoader;
import io.legate.resource.model.ResourceKind;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Consumer;

/**
 * The embedded store, the default: one YAML file per resource, {@code DATA/<kind>/<name>.yaml}, indexed in memory.
 *
 * <p>Every write is on disk ({@link AtomicFiles}) before it is in the index and before the call returns, and the
 * change listener (which rebuilds the route table) has run by then too. Writes are serialised: one lock for the
 * whole store, which serialises writers of the same resource, keeps an {@link #apply} batch from interleaving
 * with single writes, and costs little next to the fsyncs every write makes anyway. Reads take no lock and see
 * only what is on disk.
 */
public final class FileStore implements ResourceStore {

    private final Path dataDir;
    private final Map<ResourceKind, ConcurrentSkipListMap<String, StoredResource>> index = new EnumMap<>(ResourceKind.class);
    private final List<Problem> loadProblems;
    private final Vetting vetting;
    private final Consumer<List<Resource>> onChange;
    private final Object writeLock = new Object();
    /** A failed batch whose files could not all be put back; guarded by the write lock. */
    private ApplyJournal failedBatch;

    private FileStore(Path dataDir, List<StoredResource> loaded, List<Problem> loadProblems, Vetting vetting,
                          Consumer<List<Resource>> onChange) {
        this.dataDir = dataDir;
        this.loadProblems = List.copyOf(loadProblems);
        this.vetting = vetting;
        this.onChange = onChange;
        for (ResourceKind kind : ResourceKind.values()) {
            index.put(kind, new ConcurrentSkipListMap<>());
        }
        loaded.forEach(this::index);
    }

    /**
     * Opens the store in {@code dataDir}, creating it if needed, its files read with {@code loader}, after completing
     * an apply batch that a crash interrupted (see {@link ApplyJournal}; a journal that cannot be read keeps the
     * store from opening). A stored file
     * that does not load (for one, settings of a plugin no longer there) is reported in {@link #loadProblems()}
     * and skipped. {@code vetting} may refuse each change before it is written; {@code onChange} gets every stored
     * resource after each write.
     */
    public static FileStore open(Path dataDir, ResourceLoader loader, Vetting vetting,
                                     Consumer<List<Resource>> onChange) throws IOException {
        AtomicFiles.createDirectory(dataDir, false);
        ApplyJournal.recover(dataDir);
        StoreLoader.Loaded loaded = StoreLoader.load(dataDir, loader);
        return new FileStore(dataDir, loaded.resources(), loaded.problems(), vetting, onChange);
    }

    @Override
    public List<Problem> loadProblems() {
        return loadProblems;
    }

    @Override
    public List<StoredResource> list(ResourceKind kind) {
        return List.copyOf(index.get(kind).values());
    }

    @Override
    public Optional<StoredResource> get(ResourceKind kind, String name) {
        return Optional.ofNullable(index.get(kind).get(name));
    }

    @Override
    public List<Resource> resources() {
        List<Resource> all = new ArrayList<>();
        index.values().forEach(byName -> byName.values().forEach(stored -> all.add(stored.resource())));
        return all;
    }

    @Override
    public Change create(Resource resource) throws StoreException, IOException {
        synchronized (writeLock) {
            undoFailedBatch();
            if (index.get(resource.kind()).containsKey(resource.name())) {
                throw new StoreException(StoreException.Reason.EXISTS, resource.label(),
                        resource.label() + " already exists; PUT replaces it");
            }
            vet(resource.label(), List.of(resource), null);
            return published(write(resource));
        }
    }

    @Override
    public Change put(Resource resource, IfMatch ifMatch) throws StoreException, IOException {
        synchronized (writeLock) {
            undoFailedBatch();
            checkPrecondition(resource.kind(), resource.label(), resource.name(), ifMatch);
            vet(resource.label(), List.of(resource), null);
            return published(write(resource));
        }
    }

    @Override
    public StoredResource delete(ResourceKind kind, String name, IfMatch ifMatch) throws StoreException, IOException {
        synchronized (writeLock) {
            undoFailedBatch();
            String label = kind.yamlName() + "/" + name;
            StoredResource current = index.get(kind).get(name);
            if (current == null) {
                throw new StoreException(StoreException.Reason.NOT_FOUND, label, label + " not found");
            }
            checkPrecondition(kind, label, name, ifMatch);
            vet(label, List.of(), current.resource());
            AtomicFiles.delete(ResourceFiles.file(dataDir, kind, name));
            index.get(kind).remove(name);
            onChange.accept(resources());
            return current;
        }
    }

    /**
     * Creates or replaces every resource of a validated batch, all or nothing, through an {@link ApplyJournal}:
     * when a file cannot be written, the files written before it are put back and nothing changes; after a crash,
     * the batch is completed when the store opens. The routes are rebuilt once, after the last file.
     */
    @Override
    public List<Change> apply(List<Resource> resources) throws StoreException, IOException {
        synchronized (writeLock) {
            undoFailedBatch();
            vet("the batch", resources, null);
            List<Change> changes = resources.stream().map(this::change).toList();
            List<StoredResource> written = changes.stream()
                    .filter(change -> change.outcome() != Outcome.UNCHANGED).map(Change::resource).toList();
            if (written.isEmpty()) {
                return changes;
            }
            List<ApplyJournal.Entry> entries = new ArrayList<>();
            for (StoredResource stored : written) {
                entries.add(ApplyJournal.entry(dataDir, stored));
            }
            writeAllOrNothing(new ApplyJournal(dataDir, entries));
            // Only now, so that readers never see part of a batch.
            written.forEach(this::index);
            onChange.accept(resources());
            return changes;
        }
    }

    private void writeAllOrNothing(ApplyJournal journal) throws StoreWriteException {
        try {
            journal.begin();
            journal.complete();
        } catch (StoreWriteException failure) {
            try {
                journal.undo();
            } catch (IOException undoFailure) {
                // Its journal stays, and would complete the batch over any later write at the next start.
                failedBatch = journal;
                throw new StoreWriteException(failure.resource(), failure.getMessage() + "; putting back the files"
                        + " written before it failed too (" + undoFailure + "), so " + ApplyJournal.path(dataDir)
                        + " is kept: writes are refused until each, retrying, puts them back; a restart before that"
                        + " completes the batch", failure);
            }
            throw new StoreWriteException(failure.resource(), failure.getMessage() + "; nothing of the batch is stored",
                    failure);
        }
    }

    /** Retries putting back the files of a failed batch that could not be put back then; refuses the write meanwhile. */
    private void undoFailedBatch() throws StoreWriteException {
        if (failedBatch == null) {
            return;
        }
        try {
            failedBatch.undo();
        } catch (IOException e) {
            throw new StoreWriteException(null, "refused: the files of a failed apply batch are still not put back ("
                    + e + ")", e);
        }
        failedBatch = null;
    }

    /** Refuses a change, before anything is written, that would leave a reference dangling. */
    private void vet(String label, List<Resource> written, Resource deleted) throws StoreException {
        vetting.check(label, resources(), written, deleted);
    }

    private void checkPrecondition(ResourceKind kind, String label, String name, IfMatch ifMatch)
            throws StoreException {
        StoredResource current = index.get(kind).get(name);
        if (!ifMatch.admits(current)) {
            throw StoreException.stale(label, current == null ? null : current.version(), ifMatch);
        }
    }

    private Change published(Change change) {
        if (change.outcome() != Outcome.UNCHANGED) {
            onChange.accept(resources());
        }
        return change;
    }

    /** Writes one resource unless it is stored with the same content already. Caller holds the write lock. */
    private Change write(Resource resource) throws IOException {
        Change change = change(resource);
        if (change.outcome() != Outcome.UNCHANGED) {
            StoredResource stored = change.resource();
            ResourceFiles.write(dataDir, resource.kind(), resource.name(), StoredDocuments.yaml(stored));
            index(stored);
        }
        return change;
    }

    /** What writing {@code resource} would do. */
    private Change change(Resource resource) {
        StoredResource stored = StoredDocuments.stamp(resource);
        StoredResource current = index.get(resource.kind()).get(resource.name());
        if (current != null && current.version().equals(stored.version())) {
            return new Change(current, Outcome.UNCHANGED);
        }
        return new Change(stored, current == null ? Outcome.CREATED : Outcome.CHANGED);
    }

    @Override
    public StoreStatus status() {
        return new StoreStatus("file", null, 0);
    }

    private void index(StoredResource stored) {
        index.get(stored.resource().kind()).put(stored.name(), stored);
    }
}
