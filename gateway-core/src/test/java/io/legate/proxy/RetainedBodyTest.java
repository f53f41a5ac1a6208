package io.legate.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.content.AsyncContent;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.Test;

class RetainedBodyTest {

    private static void write(AsyncContent caller, String text, boolean last) {
        caller.write(last, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), Callback.NOOP);
    }

    private static String text(Content.Chunk chunk) {
        String text = StandardCharsets.UTF_8.decode(chunk.getByteBuffer().slice()).toString();
        chunk.release();
        return text;
    }

    @Test
    void aSecondTryReadsTheWholeBodyAgain() {
        AsyncContent caller = new AsyncContent();
        RetainedBody body = new RetainedBody(caller);
        Content.Source first = body.nextTry();
        write(caller, "abc", false);
        write(caller, "def", true);
        assertEquals("abc", text(first.read()));
        Content.Chunk end = first.read();
        assertTrue(end.isLast());
        assertEquals("def", text(end));

        Content.Source second = body.nextTry();
        assertEquals("abc", text(second.read()));
        Content.Chunk again = second.read();
        assertTrue(again.isLast());
        assertEquals("def", text(again));
        assertTrue(body.replayable());
    }

    @Test
    void aRetryBeforeTheBodyEndedSendsWhatWasReadThenReadsOnFromTheCaller() {
        AsyncContent caller = new AsyncContent();
        RetainedBody body = new RetainedBody(caller);
        Content.Source first = body.nextTry();
        write(caller, "abc", false);
        assertEquals("abc", text(first.read()));

        Content.Source second = body.nextTry();
        assertEquals("abc", text(second.read()));
        AtomicBoolean demanded = new AtomicBoolean();
        second.demand(() -> demanded.set(true));
        write(caller, "def", true);
        assertTrue(demanded.get());
        Content.Chunk rest = second.read();
        assertTrue(rest.isLast());
        assertEquals("def", text(rest));
    }

    @Test
    void aTryThatAnotherReplacedReadsAFailure() {
        AsyncContent caller = new AsyncContent();
        RetainedBody body = new RetainedBody(caller);
        Content.Source first = body.nextTry();
        body.nextTry();
        assertTrue(Content.Chunk.isFailure(first.read()));
    }

    @Test
    void aBodyLargerThanWhatIsKeptCannotBeSentAgain() {
        AsyncContent caller = new AsyncContent();
        RetainedBody body = new RetainedBody(caller);
        Content.Source first = body.nextTry();
        caller.write(false, ByteBuffer.allocate(RetainedBody.MAX_KEPT), Callback.NOOP);
        write(caller, "x", true);
        first.read().release();
        assertTrue(body.replayable());
        first.read().release();
        assertFalse(body.replayable());
    }
}
