package io.legate.metrics;

import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntFunction;

/**
 * Data points by a small index (a status, a reason), each bound on first use and then read from an array: the
 * label values are looked up once, not at every count. Two threads binding the same point at once get the same
 * one from the metric, so the race is harmless.
 */
final class LazyPoints<P> {

    private final AtomicReferenceArray<P> points;
    private final IntFunction<P> bind;

    LazyPoints(int size, IntFunction<P> bind) {
        this.points = new AtomicReferenceArray<>(size);
        this.bind = bind;
    }

    P get(int index) {
        P point = points.get(index);
        if (point == null) {
            point = bind.apply(index);
            points.set(index, point);
        }
        return point;
    }
}
