package io.legate.admin;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Each test gets a fresh gateway with the admin API, over a fresh {@code home} (its resources and data directory). */
abstract class AdminGatewayTest {

    @TempDir
    Path home;

    AdminGateway admin;

    @BeforeEach
    void startAdminGateway() throws Exception {
        admin = AdminGateway.start(home);
    }

    @AfterEach
    void stopAdminGateway() throws Exception {
        admin.close();
    }
}
