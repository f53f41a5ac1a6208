package io.legate.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Go's duration text, as Emissary takes it, in whole milliseconds. */
class EmissaryDurationTest {

    @ParameterizedTest
    @CsvSource({"0, 0", "100ms, 100", "1.5s, 1500", "0.5s, 500", "1m30s, 90000", "1h, 3600000", ".25s, 250",
            "250us, 1", "250µs, 1", "2000000ns, 2"})
    void aDurationIsReadToMillisecondsRoundingAFractionOfOneUp(String text, long ms) {
        assertEquals(ms, EmissaryDuration.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "5", "5 s", "1.5.3s", "-1s", "1d", "s", "10S"})
    void textThatIsNotADurationReadsAsMinusOne(String text) {
        assertEquals(-1, EmissaryDuration.parse(text));
    }
}
