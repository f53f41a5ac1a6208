package io.legate.access;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** An address block such as {@code 10.0.0.0/8}, {@code 2001:db8::/32}, or one address ({@code 127.0.0.1}). */
public record CidrBlock(byte[] network, int prefixLength, String text) {

    /**
     * @throws IllegalArgumentException naming what is wrong, when {@code text} is not an IPv4 or IPv6 address with an
     *                                  optional prefix length (host names are refused: no DNS look-up here)
     */
    public static CidrBlock parse(String text) {
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        if (address.isEmpty() || !(address.indexOf(':') >= 0 || address.chars().allMatch(c -> c == '.' || Character.isDigit(c)))) {
            throw new IllegalArgumentException("\"" + text + "\" is not an IP address or CIDR block such as 10.0.0.0/8");
        }
        byte[] network;
        try {
            network = InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("\"" + text + "\" is not an IP address or CIDR block such as 10.0.0.0/8");
        }
        int bits = network.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("\"" + text + "\": prefix length expected 0.." + bits);
            }
        }
        return new CidrBlock(network, prefix, text);
    }

    public boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length != network.length) {
            return false;
        }
        int whole = prefixLength / 8;
        for (int i = 0; i < whole; i++) {
            if (bytes[i] != network[i]) {
                return false;
            }
        }
        int rest = prefixLength % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xff << (8 - rest) & 0xff;
        return (bytes[whole] & mask) == (network[whole] & mask);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CidrBlock block && block.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
