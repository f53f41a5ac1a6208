package io.legate.admin.store.etcd;

import io.etcd.jetcd.Txn;
import io.etcd.jetcd.common.exception.EtcdException;
import io.etcd.jetcd.kv.TxnResponse;
import io.grpc.Status;
import io.legate.admin.store.StoreException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Sends the store's transactions within etcd's limits, and turns etcd's refusals into the API's answers. */
final class EtcdTransactions {

    /** etcd's {@code --max-txn-ops} default: writes (and compares) per transaction. */
    static final int MAX_TXN_OPS = 128;
    /** etcd's {@code --max-request-bytes} default, 1.5 MiB, less room for the request's own framing. */
    static final int MAX_TXN_BYTES = 1_572_864 - 16 * 1024;

    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(5);

    private EtcdTransactions() {
    }

    /** Refuses, before anything is sent, a transaction above etcd's default limits: it would be refused whole. */
    static void checkSize(String label, List<String> keys, long valueBytes) throws StoreException {
        if (keys.size() > MAX_TXN_OPS) {
            throw new StoreException(StoreException.Reason.TOO_LARGE, label, label + " changes " + keys.size()
                    + " resources, and etcd takes at most " + MAX_TXN_OPS + " in one transaction (its --max-txn-ops):"
                    + " nothing is stored; apply it in parts of at most " + MAX_TXN_OPS);
        }
        long bytes = valueBytes + keys.stream().mapToLong(k -> 2L * k.length()).sum();
        if (bytes > MAX_TXN_BYTES) {
            throw new StoreException(StoreException.Reason.TOO_LARGE, label, label + " is " + bytes + " bytes, and etcd"
                    + " takes at most " + MAX_TXN_BYTES + " in one transaction (its --max-request-bytes, 1.5 MiB):"
                    + " nothing is stored; apply it in smaller parts");
        }
    }

    /** Sends a transaction; etcd's refusals are the caller's (413 too large, 503 unavailable). */
    static TxnResponse commit(Txn txn, String label) throws StoreException, IOException {
        try {
            return txn.commit().get(WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writing to etcd");
        } catch (TimeoutException e) {
            throw new StoreException(StoreException.Reason.UNAVAILABLE, label, "etcd did not answer within "
                    + WRITE_TIMEOUT.toSeconds() + " s: the write is not confirmed; GET shows whether it was stored");
        } catch (ExecutionException e) {
            throw refusal(label, e.getCause());
        }
    }

    private static StoreException refusal(String label, Throwable cause) throws IOException {
        String code = cause instanceof EtcdException etcd ? etcd.getErrorCode().name()
                : Status.fromThrowable(cause).getCode().name();
        String message = String.valueOf(cause.getMessage());
        if (message.contains("too many operations") || message.contains("request is too large")
                || code.equals("RESOURCE_EXHAUSTED")) {
            return new StoreException(StoreException.Reason.TOO_LARGE, label, "etcd refused " + label + " as too large"
                    + " for one transaction (" + message + "): nothing is stored; apply it in smaller parts");
        }
        if (code.equals("UNAVAILABLE") || code.equals("DEADLINE_EXCEEDED") || refusedConnection(cause)) {
            return new StoreException(StoreException.Reason.UNAVAILABLE, label, "etcd is unavailable (" + message
                    + "): the write is not stored; retry once etcd is back");
        }
        if (code.equals("PERMISSION_DENIED") || code.equals("UNAUTHENTICATED")) {
            return new StoreException(StoreException.Reason.UNAVAILABLE, label, "etcd refused the gateway's user ("
                    + message + "): check store.username and its role's permissions on the prefix; nothing is stored");
        }
        throw new IOException("etcd failed " + label + ": " + message, cause);
    }

    /** Whether the call failed to connect, so that etcd never got it. */
    private static boolean refusedConnection(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException) {
                return true;
            }
        }
        return false;
    }
}
