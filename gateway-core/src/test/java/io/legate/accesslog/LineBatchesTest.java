package io.legate.accesslog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LineBatchesTest {

    @Test
    void linesLoggedBeforeTheWriterTakesComeOutAsOneBatchInOrder() throws InterruptedException {
        LineBatches queue = new LineBatches(1024);
        queue.offer("{\"call\":1}");
        queue.offer("{\"call\":2}");
        queue.offer("{\"call\":3}");
        String nl = System.lineSeparator();
        assertEquals("{\"call\":1}" + nl + "{\"call\":2}" + nl + "{\"call\":3}", queue.poll(1, TimeUnit.SECONDS));
        assertTrue(queue.isEmpty());
        assertNull(queue.poll());
    }

    @Test
    void aLineThatWouldTakeTheWaitingLinesOverTheLimitIsRefused() {
        LineBatches queue = new LineBatches(16);
        assertTrue(queue.offer("0123456789"));
        assertFalse(queue.offer("0123456789"));
        assertEquals("0123456789", queue.poll());
    }
}
