package io.legate.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class PathRewriteTest {

    @Test
    void slashRewriteReplacesPrefixWithoutDoubleSlash() {
        assertEquals("/bar", PathRewrite.replacePrefix("/foo/", "/").apply("/foo/bar"));
        assertEquals("/bar", PathRewrite.replacePrefix("/foo", "/").apply("/foo/bar"));
    }

    @Test
    void slashRewriteOfTheWholePrefixGivesRoot() {
        assertEquals("/", PathRewrite.replacePrefix("/foo", "/").apply("/foo"));
        assertEquals("/", PathRewrite.replacePrefix("/foo/", "/").apply("/foo/"));
    }

    @Test
    void rewriteToAnotherPrefixKeepsTheRest() {
        assertEquals("/v2/users/7", PathRewrite.replacePrefix("/api/", "/v2/").apply("/api/users/7"));
    }

    @Test
    void rewriteEqualToPrefixKeepsThePathAsIs() {
        PathRewrite rewrite = PathRewrite.replacePrefix("/helloworld.Greeter/", "/helloworld.Greeter/");
        assertSame(PathRewrite.KEEP, rewrite);
        assertEquals("/helloworld.Greeter/SayHello", rewrite.apply("/helloworld.Greeter/SayHello"));
    }

    @Test
    void replacePathSwapsTheWholePath() {
        assertEquals("/health", PathRewrite.replacePath("/health").apply("/status/deep/check"));
    }

    @Test
    void regexRewriteUsesEnvoyGroupSyntax() {
        PathRewrite rewrite = PathRewrite.regex("^/service/([^/]+)(/.*)$", "\\2/instance/\\1");
        assertEquals("/v1/api/instance/foo", rewrite.apply("/service/foo/v1/api"));
    }

    @Test
    void regexRewriteReplacesEveryMatch() {
        assertEquals("/a-b-c", PathRewrite.regex("_", "-").apply("/a_b_c"));
    }

    @Test
    void regexRewriteTakesDollarAndEscapedBackslashLiterally() {
        assertEquals("/$1\\x", PathRewrite.regex("^/old$", "/$1\\\\x").apply("/old"));
    }
}
