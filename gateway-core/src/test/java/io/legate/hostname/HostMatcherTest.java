package io.legate.hostname;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HostMatcherTest {

    @Test
    void starMatchesEveryAuthorityAndNone() {
        HostMatcher any = HostMatcher.glob("*");
        assertTrue(any.matches("api.example.com:8443"));
        assertTrue(any.matches(null));
    }

    @Test
    void leadingWildcardMatchesOneOrMoreLabels() {
        HostMatcher glob = HostMatcher.glob("*.example.com");
        assertTrue(glob.matches("a.example.com"));
        assertTrue(glob.matches("a.b.example.com"));
        assertFalse(glob.matches("example.com"));
        assertFalse(glob.matches(".example.com"));
        assertFalse(glob.matches("a.example.org"));
    }

    @Test
    void trailingWildcardMatchesAnyEnding() {
        HostMatcher glob = HostMatcher.glob("api.*");
        assertTrue(glob.matches("api.example.com"));
        assertFalse(glob.matches("www.example.com"));
    }

    @Test
    void exactHostnameIgnoresCase() {
        HostMatcher exact = HostMatcher.glob("API.Example.com");
        assertTrue(exact.matches("api.example.COM"));
        assertFalse(exact.matches("www.example.com"));
    }

    @Test
    void portInAuthorityIsPartOfTheMatchAsInEnvoy() {
        assertFalse(HostMatcher.glob("api.example.com").matches("api.example.com:443"));
        assertFalse(HostMatcher.glob("*.example.com").matches("api.example.com:443"));
        assertTrue(HostMatcher.glob("api.example.com:443").matches("api.example.com:443"));
    }

    @Test
    void missingAuthorityMatchesOnlyStar() {
        assertFalse(HostMatcher.glob("api.example.com").matches(null));
        assertFalse(HostMatcher.glob("*.example.com").matches(null));
    }

    @Test
    void hostRegexMustMatchTheWholeAuthority() {
        HostMatcher regex = HostMatcher.regex("api[0-9]\\.example\\.com");
        assertTrue(regex.matches("api1.example.com"));
        assertFalse(regex.matches("api1.example.com.evil.org"));
    }

    @Test
    void wildcardInTheMiddleIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> HostMatcher.glob("api.*.com"));
        assertThrows(IllegalArgumentException.class, () -> HostMatcher.glob("*.example.*"));
    }
}
