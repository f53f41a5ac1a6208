package io.legate.plugins.testing;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Assertions on the problems a plugin's validation or the resource loader reports. */
public final class ProblemAssertions {

    private ProblemAssertions() {
    }

    /** There is exactly one problem, and it says each of {@code parts}. */
    public static void assertOneProblemSaying(List<String> problems, String... parts) {
        assertEquals(1, problems.size(), problems.toString());
        for (String part : parts) {
            assertTrue(problems.get(0).contains(part), problems.get(0));
        }
    }
}
