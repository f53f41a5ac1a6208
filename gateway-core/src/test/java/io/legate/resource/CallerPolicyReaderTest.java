package io.legate.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.legate.access.CallerPolicy;
import io.legate.access.CidrBlock;
import io.legate.pluginhost.PluginRegistry;
import io.legate.testing.Resources;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Module's ip_allow, ip_deny and x_forwarded_proto_redirect, read as Emissary writes them. */
class CallerPolicyReaderTest {

    private final ResourceLoader loader = new ResourceLoader(PluginRegistry.of());

    private LoadResult module(String... configLines) {
        return loader.parse("m.yaml", Resources.ambassadorModule(configLines));
    }

    @Test
    void peerAndRemoteBlocksAreReadWithoutWarning() {
        LoadResult result = module("ip_allow:", "- peer: 127.0.0.1", "- remote: 10.0.0.0/8", "- peer: \"2001:db8::/32\"",
                "x_forwarded_proto_redirect: true");

        assertEquals(List.of(), result.problems());
        assertEquals(new CallerPolicy(List.of(CidrBlock.parse("127.0.0.1"), CidrBlock.parse("10.0.0.0/8"),
                CidrBlock.parse("2001:db8::/32")), List.of(), true), ((ModuleSpec) result.resources().get(0).typed()).callers());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "ip_deny: [{peer: 10.0.0.1}, {peer: example.com}]"
                    + "|spec.config.ip_deny[1].peer: \"example.com\" is not an IP address or CIDR block such as 10.0.0.0/8",
            "ip_allow: [{remote: 10.0.0.0/33}]|spec.config.ip_allow[0].remote: \"10.0.0.0/33\": prefix length expected 0..32",
            "ip_allow: [{address: 10.0.0.1}]|spec.config.ip_allow[0].address: unknown key (expected: peer or remote)",
            "ip_allow: 10.0.0.1|spec.config.ip_allow: expected a list of {peer: <ip or cidr>} or {remote: <ip or cidr>},"
                    + " got \"10.0.0.1\""})
    void aWrongEntryIsAnErrorNamingIt(String config, String problem) {
        assertEquals(List.of(problem), problems(module(config)));
    }

    @Test
    void bothListsTogetherAreAnError() {
        assertEquals(List.of("spec.config.ip_deny: set either ip_allow or ip_deny, not both"),
                problems(module("ip_allow: [{peer: 10.0.0.1}]", "ip_deny: [{peer: 10.0.0.2}]")));
    }

    private static List<String> problems(LoadResult result) {
        return result.problems().stream().map(p -> p.field() + ": " + p.message()).toList();
    }
}
