package io.legate.server;

import io.legate.metrics.Refusal;
import io.legate.metrics.Refusals;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.RateControl;
import org.eclipse.jetty.io.WindowRateControl;

/**
 * The control frames one caller connection may send in any second: Jetty counts PING, SETTINGS, PRIORITY,
 * RST_STREAM, empty DATA, CONTINUATION and unknown frames here, and {@link WindowUpdateAllowance} adds the
 * WINDOW_UPDATE frames it does not. The first frame over the rate ends the connection with GOAWAY
 * {@code ENHANCE_YOUR_CALM}; the connection is counted once as a frame flood, however many frames it had in flight.
 */
final class ControlFrameRate implements RateControl {

    private final RateControl window;
    private final Refusals refusals;
    private final AtomicBoolean refused = new AtomicBoolean();

    private ControlFrameRate(int perSecond, Refusals refusals) {
        this.window = new WindowRateControl(perSecond, Duration.ofSeconds(1));
        this.refusals = refusals;
    }

    static RateControl.Factory factory(int perSecond, Refusals refusals) {
        return new RateControl.Factory() {
            @Override
            public RateControl newRateControl(EndPoint endPoint) {
                return new ControlFrameRate(perSecond, refusals);
            }
        };
    }

    @Override
    public boolean onEvent(Object frame) {
        if (window.onEvent(frame)) {
            return true;
        }
        if (refused.compareAndSet(false, true)) {
            refusals.count(Refusal.FRAME_FLOOD);
        }
        return false;
    }
}
