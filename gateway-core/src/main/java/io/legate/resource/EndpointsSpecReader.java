package io.legate.resource;

import com.fasterxml.jackson.databind.JsonNode;
import io.legate.routing.EndpointDirectory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads an {@code Endpoints} as {@code kubectl get endpoints -o yaml} prints it: {@code subsets} of
 * {@code addresses: [{ip}]} and {@code ports: [{name, port, protocol}]}. An {@code ip} must be an IPv4 or IPv6
 * address (no host name: nothing resolves it), a port 1-65535. {@code notReadyAddresses} get no calls, as in
 * Kubernetes; a port of another protocol than TCP is left out.
 */
final class EndpointsSpecReader {

    private static final Pattern IPV4 = Pattern.compile(
            "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern IPV6_CHARACTERS = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
    private static final Set<String> PROTOCOLS = Set.of("TCP", "UDP", "SCTP");
    private static final int MAX_PORT = 65535;

    private EndpointsSpecReader() {
    }

    /** @param document the whole resource: an Endpoints has no {@code spec} */
    static EndpointsSpec read(JsonNode document, Problems problems) {
        SpecFields top = new SpecFields(document, "", problems);
        List<EndpointDirectory.Subset> subsets = new ArrayList<>();
        for (SpecFields subset : top.objects("subsets")) {
            subset.reportIgnored(Set.of("addresses", "ports", "notReadyAddresses"), Set.of());
            List<String> addresses = new ArrayList<>();
            for (SpecFields address : subset.objects("addresses")) {
                address.reportIgnored(Set.of("ip"), Set.of("hostname", "nodeName", "targetRef"));
                String ip = ip(address);
                if (ip != null) {
                    addresses.add(ip);
                }
            }
            subset.objects("notReadyAddresses").forEach(EndpointsSpecReader::ip);
            List<Integer> ports = new ArrayList<>();
            for (SpecFields port : subset.objects("ports")) {
                port.reportIgnored(Set.of("name", "port", "protocol"), Set.of("appProtocol"));
                port.string("name");
                OptionalInt number = port(port);
                if (tcp(port) && number.isPresent()) {
                    ports.add(number.getAsInt());
                }
            }
            subsets.add(new EndpointDirectory.Subset(addresses, ports));
        }
        return new EndpointsSpec(subsets);
    }

    private static String ip(SpecFields address) {
        String ip = address.string("ip");
        if (address.present("ip") == null) {
            address.error("ip", "required");
        } else if (ip != null && !isAddress(ip)) {
            address.error("ip", "\"" + ip + "\" is not an IP address (expected IPv4 such as 10.0.0.7 or IPv6 such as"
                    + " fd00::7; a host name is not resolved here)");
            return null;
        }
        return ip;
    }

    private static boolean isAddress(String ip) {
        if (IPV4.matcher(ip).matches()) {
            return true;
        }
        if (!IPV6_CHARACTERS.matcher(ip).matches()) {
            return false;
        }
        try {
            // A text with ':' is read as an IPv6 literal and never looked up.
            InetAddress.getByName(ip);
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static OptionalInt port(SpecFields port) {
        OptionalInt number = port.integer("port");
        if (port.present("port") == null) {
            port.error("port", "required");
        } else if (number.isPresent() && (number.getAsInt() < 1 || number.getAsInt() > MAX_PORT)) {
            port.error("port", number.getAsInt() + " is out of range (expected 1-" + MAX_PORT + ")");
            return OptionalInt.empty();
        }
        return number;
    }

    private static boolean tcp(SpecFields port) {
        String protocol = port.string("protocol");
        if (protocol == null || protocol.equals("TCP")) {
            return true;
        }
        if (PROTOCOLS.contains(protocol)) {
            port.warning("protocol", protocol + ": left out, Legate speaks TCP only");
        } else {
            port.error("protocol", "\"" + protocol + "\" is not a protocol (expected TCP, UDP or SCTP)");
        }
        return false;
    }
}
