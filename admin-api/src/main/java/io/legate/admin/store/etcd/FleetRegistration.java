package io.legate.admin.store.etcd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import io.legate.admin.store.GatewayInstance;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * This gateway's entry in the fleet: {@code <prefix>instances/<id>}, under a lease that it keeps alive, so that a
 * gateway that stops or loses etcd for longer than the lease drops out of {@code GET /api/v1/instances} on its
 * own. The value says the revision the gateway serves, updated as it changes. Used from the watcher's thread only.
 */
final class FleetRegistration {

    private static final long LEASE_SECONDS = 10;
    private static final Duration KEEP_ALIVE_EVERY = Duration.ofSeconds(3);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(2);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Client client;
    private final ByteSequence key;
    private final ObjectNode value;
    private volatile long lease;
    private long announced = -1;
    private long lastKeptAlive;

    FleetRegistration(Client client, EtcdKeys keys, String name) {
        this.client = client;
        this.key = EtcdKeys.bytes(keys.instancesPrefix() + UUID.randomUUID());
        this.value = JSON.createObjectNode().put("name", name).put("since", Instant.now().toString());
    }

    /** Registers (again, after the lease ran out), keeps the lease alive, and says which revision is served. */
    void refresh(long revision) throws Exception {
        if (lease == 0) {
            lease = client.getLeaseClient().grant(LEASE_SECONDS).get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).getID();
            lastKeptAlive = System.nanoTime();
            announced = -1;
        } else if (System.nanoTime() - lastKeptAlive > KEEP_ALIVE_EVERY.toNanos()) {
            try {
                client.getLeaseClient().keepAliveOnce(lease).get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                lastKeptAlive = System.nanoTime();
            } catch (Exception e) {
                lease = 0; // expired while etcd was away, most likely: registers anew at the next refresh
                throw e;
            }
        }
        if (revision != announced) {
            byte[] bytes = JSON.writeValueAsBytes(value.deepCopy().put("revision", revision));
            client.getKVClient().put(key, ByteSequence.from(bytes), PutOption.builder().withLeaseId(lease).build())
                    .get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            announced = revision;
        }
    }

    /** Every gateway registered now. */
    static List<GatewayInstance> instances(Client client, EtcdKeys keys) throws Exception {
        List<GatewayInstance> instances = new ArrayList<>();
        for (KeyValue kv : client.getKVClient().get(EtcdKeys.bytes(keys.instancesPrefix()), GetOption.builder().isPrefix(true).build())
                .get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).getKvs()) {
            JsonNode node = JSON.readTree(kv.getValue().toString(StandardCharsets.UTF_8));
            instances.add(new GatewayInstance(node.path("name").asText(), node.path("revision").asLong(), node.path("since").asText()));
        }
        return instances;
    }

    /** Leaves the fleet at once, rather than when the lease runs out. */
    void leave() {
        if (lease != 0) {
            try {
                client.getLeaseClient().revoke(lease).get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                // etcd away: the lease runs out on its own
            }
        }
    }
}
