package io.legate.transport;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Running test code as a read pass, and waiting for what a pass set going. */
final class Passes {

    private Passes() {
    }

    /** Runs {@code work} as the selector's task for a readable connection would run. */
    static void inPass(Runnable work) {
        ReadPass.around(work).run();
    }

    static void awaitTrue(BooleanSupplier condition, String failure) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (int i = 0; i < 10_000 && !condition.getAsBoolean(); i++) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(failure);
            }
            Thread.sleep(1);
        }
        if (!condition.getAsBoolean()) {
            throw new AssertionError(failure);
        }
    }
}
