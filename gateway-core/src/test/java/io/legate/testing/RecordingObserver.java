package io.legate.testing;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Records a call's messages as they arrive, and its final status. */
public final class RecordingObserver<T> implements StreamObserver<T> {

    private final BlockingQueue<T> arrived = new LinkedBlockingQueue<>();
    private final List<T> all = new ArrayList<>();
    private final CompletableFuture<Status> status = new CompletableFuture<>();

    @Override
    public synchronized void onNext(T value) {
        all.add(value);
        arrived.add(value);
    }

    @Override
    public void onError(Throwable t) {
        status.complete(Status.fromThrowable(t));
    }

    @Override
    public void onCompleted() {
        status.complete(Status.OK);
    }

    /** The next message, waiting at most {@code seconds}; fails when none came. */
    public T next(int seconds) throws InterruptedException {
        T value = arrived.poll(seconds, TimeUnit.SECONDS);
        if (value == null) {
            throw new AssertionError("no message within " + seconds + " s");
        }
        return value;
    }

    public Status awaitStatus(int seconds) throws Exception {
        return status.get(seconds, TimeUnit.SECONDS);
    }

    /** Every message, once the call has ended. */
    public List<T> awaitMessages(int seconds) throws Exception {
        awaitStatus(seconds);
        return messages();
    }

    public synchronized List<T> messages() {
        return List.copyOf(all);
    }
}
