package io.legate.upstream.health;

import java.util.function.IntPredicate;

/** A count that goes up and down, which a test can wait on until it reaches a value. */
final class Gauge {

    private int value;

    synchronized void add(int delta) {
        value += delta;
        notifyAll();
    }

    synchronized int get() {
        return value;
    }

    /** Whether the count meets {@code condition}, now or within {@code withinMs}. */
    synchronized boolean await(IntPredicate condition, long withinMs) throws InterruptedException {
        long deadline = System.nanoTime() + withinMs * 1_000_000;
        while (!condition.test(value)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(left / 1_000_000 + 1);
        }
        return true;
    }
}
