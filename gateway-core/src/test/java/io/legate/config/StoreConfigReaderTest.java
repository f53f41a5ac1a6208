package io.legate.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code store:} of {@code conf/legate.yaml}: files by default, or etcd with its endpoints, user and TLS. */
class StoreConfigReaderTest {

    @TempDir
    Path dir;

    private StoreConfig store(String yaml) throws Exception {
        return GatewayConfigLoader.load(Files.writeString(dir.resolve("legate.yaml"), yaml), Map.of(), PortOverrides.NONE).store();
    }

    private String error(String yaml) throws IOException {
        Path file = Files.writeString(dir.resolve("legate.yaml"), yaml);
        return assertThrows(ConfigException.class, () -> GatewayConfigLoader.load(file, Map.of(), PortOverrides.NONE))
                .getMessage().substring(file.toString().length() + 2);
    }

    @Test
    void withoutAStoreSectionResourcesAreKeptInFiles() throws Exception {
        assertEquals(StoreConfig.FILE, store("admin: {port: 9877}\n"));
    }

    @Test
    void anEtcdStoreIsReadWithItsEndpointsAndPrefix() throws Exception {
        StoreConfig store = store("store: {type: etcd, endpoints: [http://10.0.0.1:2379, http://10.0.0.2:2379], prefix: /edge/}\n");

        assertEquals(StoreConfig.etcd(List.of(URI.create("http://10.0.0.1:2379"), URI.create("http://10.0.0.2:2379")), "/edge/"), store);
    }

    @Test
    void thePasswordIsReadFromItsFileRelativeToTheConfDirectoryAndNeverAppearsInTheSettingsText() throws Exception {
        Files.writeString(dir.resolve("etcd.password"), "s3cret\n");

        StoreConfig store = store("store: {type: etcd, endpoints: [http://127.0.0.1:2379], username: legate,"
                + " password_file: etcd.password}\n");

        assertEquals("s3cret", store.password());
        assertFalse(store.toString().contains("s3cret"), store::toString);
    }

    @Test
    void anUnknownStoreTypeIsAnErrorNamingTheKnownOnes() throws Exception {
        assertEquals("store.type: \"consul\" is not a store type (expected: file, etcd)", error("store: {type: consul}\n"));
    }

    @Test
    void anEtcdStoreWithoutEndpointsIsAnError() throws Exception {
        assertTrue(error("store: {type: etcd}\n").startsWith("store.endpoints: missing"));
    }

    @Test
    void anEndpointThatIsNotAUrlIsNamed() throws Exception {
        assertEquals("store.endpoints: \"127.0.0.1:2379\" is not an etcd client URL (expected: http://HOST:PORT or"
                + " https://HOST:PORT)", error("store: {type: etcd, endpoints: [\"127.0.0.1:2379\"]}\n"));
    }

    @Test
    void aPrefixWithoutTheFinalSlashIsAnError() throws Exception {
        assertTrue(error("store: {type: etcd, endpoints: [http://127.0.0.1:2379], prefix: /legate}\n")
                .startsWith("store.prefix: \"/legate\" must end with /"));
    }

    @Test
    void aUserWithoutAPasswordIsAnError() throws Exception {
        assertEquals("store.password: etcd authentication needs both username and password (or password_file)",
                error("store: {type: etcd, endpoints: [http://127.0.0.1:2379], username: legate}\n"));
    }

    @Test
    void etcdSettingsUnderTheFileStoreAreAnError() throws Exception {
        assertTrue(error("store: {endpoints: [http://127.0.0.1:2379]}\n").startsWith("store.endpoints: unknown key"));
    }
}
