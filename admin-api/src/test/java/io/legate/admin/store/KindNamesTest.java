package io.legate.admin.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.legate.resource.model.ResourceKind;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The names of kinds in URLs, in the file store's directories and in etcd's keys. */
class KindNamesTest {

    @Test
    void endpointsIsAlreadyPluralAsKubectlNamesIt() {
        assertEquals("endpoints", KindNames.plural(ResourceKind.ENDPOINTS));
        assertEquals(Optional.of(ResourceKind.ENDPOINTS), KindNames.fromPlural("endpoints"));
    }

    @Test
    void otherKindsTakeAnS() {
        assertEquals("tlscontexts", KindNames.plural(ResourceKind.TLS_CONTEXT));
        assertEquals(Optional.of(ResourceKind.KUBERNETES_ENDPOINT_RESOLVER),
                KindNames.fromPlural("kubernetesendpointresolvers"));
    }
}
