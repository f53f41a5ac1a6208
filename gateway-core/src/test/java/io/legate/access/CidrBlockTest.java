package io.legate.access;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class CidrBlockTest {

    private static InetAddress ip(String text) throws Exception {
        return InetAddress.getByName(text);
    }

    @Test
    void aBlockContainsTheAddressesOfItsPrefixOnly() throws Exception {
        CidrBlock block = CidrBlock.parse("10.1.128.0/17");

        assertTrue(block.contains(ip("10.1.128.1")));
        assertTrue(block.contains(ip("10.1.255.255")));
        assertFalse(block.contains(ip("10.1.127.255")));
    }

    @Test
    void anAddressWithoutPrefixIsABlockOfOne() throws Exception {
        assertTrue(CidrBlock.parse("127.0.0.1").contains(ip("127.0.0.1")));
        assertFalse(CidrBlock.parse("127.0.0.1").contains(ip("127.0.0.2")));
    }

    @Test
    void anIpv6BlockNeverContainsAnIpv4Address() throws Exception {
        assertTrue(CidrBlock.parse("2001:db8::/32").contains(ip("2001:db8:1::5")));
        assertFalse(CidrBlock.parse("::/0").contains(ip("127.0.0.1")));
    }
}
