package io.legate.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OptionsTest {

    @Test
    void valuesFlagsAndDefaults() {
        Options options = new Options(new String[] {"--target", "127.0.0.1:1", "--check", "--duration", "0.5"});

        assertEquals("127.0.0.1:1", options.required("target"));
        assertTrue(options.flag("check"));
        assertEquals(0.5, options.decimal("duration", 5));
        assertEquals(8, options.integer("channels", 8));
    }

    @Test
    void aMissingRequiredOptionIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Options(new String[0]).required("target"));
        assertEquals("--target is required", e.getMessage());
    }
}
