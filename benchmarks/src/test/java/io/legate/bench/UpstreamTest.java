package io.legate.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The benchmark's upstream, a real grpc-java server on loopback. */
class UpstreamTest {

    @Test
    void oneUpstreamOnThreePortsAnswersOnEachOfThem() throws Exception {
        try (Upstream upstream = Upstream.start(List.of(0, 0, 0))) {
            List<String> addresses = upstream.addresses();

            assertEquals(3, addresses.stream().distinct().count(), addresses.toString());
            for (String address : addresses) {
                try (Channels channels = new Channels(address, 1, null)) {
                    assertEquals("Hello, world", UnaryLoad.check(channels), address);
                }
            }
        }
    }
}
