package io.legate.admin.store.etcd;

import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.common.exception.CompactedException;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.watch.WatchEvent;
import io.etcd.jetcd.watch.WatchResponse;
import io.legate.resource.model.Problem;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this gateway's {@link StoreTable} up to date with etcd, on a thread of its own: reads the prefix at a
 * revision, then watches from the next one, swapping in a table per watch response (a transaction's events come
 * in one).
 *
 * <p>The loop does not rely on the client's own reconnection: when the watch fails, ends, reports a compaction,
 * or falls behind what a read of the keys shows twice in a row, it reads everything again and swaps in the
 * difference; when etcd does not answer, it says so ({@link #downSince()}), keeps the last table, and retries.
 */
final class EtcdWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EtcdWatcher.class);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(2);
    /** How often the keys are read to check that the watch keeps up and that etcd answers. */
    private static final Duration PROBE_EVERY = Duration.ofMillis(500);
    private static final Duration RETRY_AFTER = Duration.ofMillis(250);
    private static final Object ENDED = new Object();

    private final Client client;
    private final EtcdKeys keys;
    private final EtcdValues values;
    private final Consumer<StoreTable> onChange;
    private final Consumer<Problem> report;
    private final Thread thread;
    private final Object swapped = new Object();
    private volatile StoreTable table = StoreTable.EMPTY;
    private volatile Instant downSince = Instant.now();
    /** Whether the current outage is logged already. */
    private boolean outageLogged;
    private volatile boolean closed;
    private volatile FleetRegistration registration;

    /**
     * @param onChange gets each table whose keys differ from the last one's, on the watcher's thread, before a
     *                 write waiting for it is answered
     * @param report   gets the problems of each value that does not load, once per revision of its key
     */
    EtcdWatcher(Client client, EtcdKeys keys, EtcdValues values, Consumer<StoreTable> onChange, Consumer<Problem> report) {
        this.client = client;
        this.keys = keys;
        this.values = values;
        this.onChange = onChange;
        this.report = report;
        this.thread = new Thread(this::run, "legate-etcd-watch");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    StoreTable table() {
        return table;
    }

    /** When etcd stopped answering (or, if it never did, when the gateway started); null while it answers. */
    Instant downSince() {
        return downSince;
    }

    /** Waits until the table served satisfies {@code condition}, at most {@code timeout}; answers whether it does. */
    boolean await(Predicate<StoreTable> condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (swapped) {
            while (!condition.test(table)) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || closed) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(swapped, left);
            }
            return true;
        }
    }

    /** Waits for the first read of etcd, at most {@code timeout}; answers whether etcd answered. */
    boolean awaitFirstRead(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (swapped) {
            while (downSince != null && table.revision() == 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(swapped, left);
            }
            return true;
        }
    }

    private void run() {
        while (!closed) {
            try {
                readAll();
                follow();
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                down(e);
            }
            try {
                Thread.sleep(RETRY_AFTER.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Reads every key under the prefix and swaps in the difference: at start, and after any break of the watch. */
    private void readAll() throws Exception {
        GetResponse all = client.getKVClient().get(keys.prefixBytes(), GetOption.builder().isPrefix(true).build())
                .get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        StoreTable current = table;
        SortedMap<String, EtcdValues.Entry> entries = new TreeMap<>();
        for (KeyValue kv : all.getKvs()) {
            if (!keys.holdsResource(kv.getKey())) {
                continue;
            }
            String key = kv.getKey().toString(StandardCharsets.UTF_8);
            EtcdValues.Entry known = current.entries().get(key);
            entries.put(key, known != null && known.modRevision() == kv.getModRevision() ? known : read(kv));
        }
        swap(new StoreTable(all.getHeader().getRevision(), entries));
        up();
        refreshRegistration();
    }

    /** Keeps this gateway's entry in the fleet (once registered) up to date with the revision it serves. */
    private void refreshRegistration() throws Exception {
        FleetRegistration current = registration;
        if (current != null) {
            current.refresh(table.revision());
        }
    }

    void register(FleetRegistration registration) {
        this.registration = registration;
    }

    /** Follows the watch until it breaks, falls behind, or etcd stops answering (an exception then). */
    private void follow() throws Exception {
        BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
        WatchOption option = WatchOption.builder().isPrefix(true).withRevision(table.revision() + 1).build();
        try (Watch.Watcher watcher = client.getWatchClient().watch(keys.prefixBytes(), option,
                Watch.listener(inbox::add, inbox::add, () -> inbox.add(ENDED)))) {
            boolean behind = false;
            long nextProbe = System.nanoTime() + PROBE_EVERY.toNanos();
            while (!closed) {
                Object item = inbox.poll(Math.max(0, nextProbe - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (item instanceof WatchResponse response) {
                    apply(response);
                } else if (item instanceof CompactedException compacted) {
                    LOG.info("etcd compacted its history up to revision {} (this gateway serves revision {}): reading"
                            + " every key again", compacted.getCompactedRevision(), table.revision());
                    return;
                } else if (item instanceof Throwable failure) {
                    LOG.info("etcd watch failed ({}): reading every key again", failure.toString());
                    return;
                } else if (item == ENDED) {
                    return;
                } else {
                    boolean differs = !table.sameKeys(probe());
                    refreshRegistration();
                    if (differs && behind) {
                        LOG.warn("the etcd watch fell behind the keys it watches: reading every key again");
                        return;
                    }
                    behind = differs;
                    nextProbe = System.nanoTime() + PROBE_EVERY.toNanos();
                }
            }
        }
    }

    /** The revision of every key under the prefix, read now; fails when etcd does not answer. */
    private Map<String, Long> probe() throws Exception {
        GetResponse all = client.getKVClient().get(keys.prefixBytes(), GetOption.builder().isPrefix(true).withKeysOnly(true).build())
                .get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        Map<String, Long> revisions = new HashMap<>();
        all.getKvs().stream().filter(kv -> keys.holdsResource(kv.getKey()))
                .forEach(kv -> revisions.put(kv.getKey().toString(StandardCharsets.UTF_8), kv.getModRevision()));
        up();
        return revisions;
    }

    private void apply(WatchResponse response) {
        List<WatchEvent> events = response.getEvents().stream()
                .filter(event -> keys.holdsResource(event.getKeyValue().getKey())).toList();
        if (events.isEmpty()) {
            return;
        }
        StoreTable current = table;
        SortedMap<String, EtcdValues.Entry> entries = new TreeMap<>(current.entries());
        long revision = current.revision();
        for (WatchEvent event : events) {
            KeyValue kv = event.getKeyValue();
            String key = kv.getKey().toString(StandardCharsets.UTF_8);
            revision = Math.max(revision, kv.getModRevision());
            if (event.getEventType() == WatchEvent.EventType.PUT) {
                entries.put(key, read(kv));
            } else if (event.getEventType() == WatchEvent.EventType.DELETE) {
                entries.remove(key);
            }
        }
        swap(new StoreTable(revision, entries));
    }

    private EtcdValues.Entry read(KeyValue kv) {
        EtcdValues.Entry entry = values.read(kv);
        entry.problems().forEach(report);
        return entry;
    }

    private void swap(StoreTable next) {
        StoreTable previous = table;
        boolean changed = !previous.sameKeys(next.modRevisions());
        synchronized (swapped) {
            table = next;
            if (changed) {
                onChange.accept(next);
            }
            swapped.notifyAll();
        }
    }

    private void up() {
        if (downSince != null) {
            synchronized (swapped) {
                LOG.info("etcd store: serving revision {}", table.revision());
                downSince = null;
                outageLogged = false;
                swapped.notifyAll();
            }
        }
    }

    private void down(Exception failure) {
        if (downSince == null) {
            downSince = Instant.now();
        }
        if (!outageLogged) {
            outageLogged = true;
            LOG.warn("etcd store unavailable ({}): serving the routes of revision {} until it answers again",
                    failure.toString(), table.revision());
        } else {
            LOG.debug("etcd still unavailable: {}", failure.toString());
        }
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        thread.interrupt();
        thread.join(CALL_TIMEOUT.toMillis() * 2);
        if (registration != null) {
            registration.leave();
        }
    }
}
