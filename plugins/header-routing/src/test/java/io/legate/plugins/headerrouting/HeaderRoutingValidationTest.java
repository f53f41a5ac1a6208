package io.legate.plugins.headerrouting;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.legate.plugins.testing.ProblemAssertions.assertOneProblemSaying;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HeaderRoutingValidationTest {

    private static List<String> problems(Map<String, Object> headers, Map<String, String> regexHeaders) {
        return new HeaderRoutingFactory().validate(new HeaderRoutingSettings(headers, regexHeaders));
    }

    @Test
    void stringsTrueAndValidRegexesAreFine() {
        assertEquals(List.of(), problems(Map.of(":authority", "a.example.com", "x-flag", true, "x-text", "true"),
                Map.of("content-type", "^application/grpc.*$", ":path", "/pkg\\.Svc/.*")));
    }

    @Test
    void aBadRegexIsNamedWithTheRegexError() {
        assertOneProblemSaying(problems(Map.of(), Map.of("x-version", "v[0-9")),
                "regex_headers.x-version", "v[0-9", "Unclosed character class");
    }

    @Test
    void falseIsNeitherAValueNorPresence() {
        assertOneProblemSaying(problems(Map.of("x-flag", false), Map.of()), "headers.x-flag: false", "true for");
    }

    @Test
    void aNumberIsRefusedWithAHintToQuoteIt() {
        assertOneProblemSaying(problems(Map.of("x-version", 2), Map.of()), "headers.x-version: 2", "quoted");
    }

    @Test
    void aMissingValueIsRefused() {
        Map<String, Object> headers = new HashMap<>();
        headers.put("x-empty", null);
        Map<String, String> regexHeaders = new HashMap<>();
        regexHeaders.put("x-empty", null);
        List<String> problems = problems(headers, regexHeaders);
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("headers.x-empty: "), problems.get(0));
        assertTrue(problems.get(1).startsWith("regex_headers.x-empty: "), problems.get(1));
    }

    @Test
    void aPseudoHeaderOtherThanTheFourOfARequestIsRefused() {
        assertOneProblemSaying(problems(Map.of(":status", "200"), Map.of()), "headers.:status", ":authority");
    }

    @Test
    void aNameThatIsNotAnHttpTokenIsRefused() {
        assertOneProblemSaying(problems(Map.of(), Map.of("x version", ".*")), "regex_headers.x version");
    }
}
