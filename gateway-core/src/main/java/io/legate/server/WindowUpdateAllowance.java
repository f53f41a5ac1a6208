package io.legate.server;

import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http2.ErrorCode;
import org.eclipse.jetty.http2.HTTP2Session;
import org.eclipse.jetty.http2.api.Session;
import org.eclipse.jetty.http2.frames.Frame;
import org.eclipse.jetty.http2.frames.FrameType;
import org.eclipse.jetty.http2.frames.WindowUpdateFrame;

/**
 * Puts a caller's WINDOW_UPDATE frames under the connection's {@link ControlFrameRate}, unless data the gateway
 * sent earned them.
 *
 * <p>Jetty 12.1 counts a WINDOW_UPDATE only for a stream already closed (HTTP2Session.onWindowUpdate) or of zero
 * increment (its parser): one for the connection or an open stream is applied for free, so a caller could send them
 * without end, each costing the gateway a parse and a flow control update. Neither offers a rate hook of its own,
 * but every session tells the {@link HTTP2Session.FrameListener}s it holds of each frame both ways, before acting on
 * it, and its parser's rate control is public: the frames are counted there, with the others, and a flood ends as
 * Jetty ends any other. The connection factory hands this listener to each session it makes.
 *
 * <p>A caller reading the gateway's replies sends WINDOW_UPDATE frames as it reads: each DATA frame sent earns
 * {@value #PER_DATA_FRAME} of them (Envoy's default), which do not count, so that a fast download is never taken
 * for a flood.
 */
final class WindowUpdateAllowance implements HTTP2Session.LifeCycleListener {

    static final int PER_DATA_FRAME = 10;

    @Override
    public void onOpen(Session session) {
        if (session instanceof HTTP2Session http2) {
            http2.addEventListener(new Connection(http2));
        }
    }

    /** One caller connection's allowance, told of its frames by its session. */
    private static final class Connection implements HTTP2Session.FrameListener {

        private final HTTP2Session session;
        /** Frames are sent on the flusher's thread and read on the parser's. */
        private final AtomicLong earned = new AtomicLong();

        Connection(HTTP2Session session) {
            this.session = session;
        }

        @Override
        public void onOutgoingFrame(Session session, Frame frame) {
            if (frame.getType() == FrameType.DATA) {
                earned.addAndGet(PER_DATA_FRAME);
            }
        }

        @Override
        public void onIncomingFrame(Session ignored, Frame frame) {
            if (!(frame instanceof WindowUpdateFrame update) || session.isClosed()) {
                return;
            }
            if (earned.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
                return;
            }
            // Jetty counts those for streams it no longer holds itself.
            int stream = update.getStreamId();
            if (stream != 0 && session.getStream(stream) == null) {
                return;
            }
            if (!session.getParser().rateControlOnEvent(update)) {
                session.onConnectionFailure(ErrorCode.ENHANCE_YOUR_CALM_ERROR.code, "invalid_window_update_frame_rate");
            }
        }
    }
}
