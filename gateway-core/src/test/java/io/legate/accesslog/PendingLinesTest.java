package io.legate.accesslog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PendingLinesTest {

    private static final String NL = System.lineSeparator();

    @Test
    void linesAddedBeforeATakeComeOutAsOneBatchInOrder() {
        PendingLines pending = new PendingLines(1024, 1024);
        pending.add("{\"call\":1}");
        pending.add("{\"call\":2}");
        pending.add("{\"call\":3}");

        assertEquals(new PendingLines.Batch("{\"call\":1}" + NL + "{\"call\":2}" + NL + "{\"call\":3}", 0), pending.take());
        assertEquals(new PendingLines.Batch("", 0), pending.take());
    }

    @Test
    void aLineThatWouldTakeTheWaitingLinesOverTheBoundIsDroppedAndCounted() {
        PendingLines pending = new PendingLines(16, 16);
        pending.add("0123456789");
        pending.add("0123456789");
        pending.add("0123456789");

        assertEquals(new PendingLines.Batch("0123456789", 2), pending.take());
    }

    @Test
    void onlyTheLineThatFillsABatchAsksForItToBeWritten() {
        PendingLines pending = new PendingLines(1024, 20);

        assertFalse(pending.add("0123456789"));
        assertTrue(pending.add("0123456789"));
        assertFalse(pending.add("0123456789"));
        pending.take();
        assertFalse(pending.add("0123456789"));
        assertTrue(pending.add("0123456789"));
    }
}
