package io.legate.proxy;

import java.io.EOFException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.content.AsyncContent;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The caller's body as a call reads it: nothing of the caller's request is touched once the call ended. */
class CallerBodySourceTest {

    private static AsyncContent callerSending(String text) {
        AsyncContent caller = new AsyncContent();
        caller.write(false, ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII)), Callback.NOOP);
        return caller;
    }

    @Test
    void aReadAfterTheCallEndedGetsTheCallsEndAndLeavesTheCallersBodyUnread() {
        AsyncContent caller = callerSending("next request's bytes");
        CallerBodySource body = new CallerBodySource(caller);

        body.end();
        Content.Chunk read = body.read();

        assertTrue(read.isLast());
        assertInstanceOf(CallerBodySource.CallEnded.class, read.getFailure());
        Content.Chunk untouched = caller.read();
        assertEquals("next request's bytes", StandardCharsets.US_ASCII.decode(untouched.getByteBuffer()).toString());
        untouched.release();
    }

    /** The caller's request has nothing to read: a demand passed on to it would not be answered yet. */
    @Test
    void aDemandAfterTheCallEndedIsAnsweredAtOnceWithoutReachingTheCallersRequest() {
        CallerBodySource body = new CallerBodySource(new AsyncContent());
        AtomicBoolean called = new AtomicBoolean();

        body.end();
        body.demand(() -> called.set(true));

        assertTrue(called.get());
    }

    @Test
    void aFailureReadFromTheCallersBodyIsToldAsTheCallersWithItsCause() {
        AsyncContent caller = new AsyncContent();
        EOFException early = new EOFException("Early EOF");
        caller.fail(early);

        Content.Chunk read = new CallerBodySource(caller).read();

        CallerBodyFailure failure = assertInstanceOf(CallerBodyFailure.class, read.getFailure());
        assertSame(early, failure.getCause());
        assertEquals("the caller's request failed: EOFException (Early EOF)", failure.getMessage());
    }
}
