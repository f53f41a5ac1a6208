package io.legate.admin;

import static io.legate.admin.AdminApiTest.assertProblem;
import static io.legate.admin.AdminApiTest.json;
import static io.legate.admin.AdminGateway.YAML;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** Kubernetes' Endpoints through the admin API at /api/v1/endpoints, stored like every other kind. */
class EndpointsApiTest extends AdminGatewayTest {

    private static String endpoints(String ip) {
        return """
                apiVersion: v1
                kind: Endpoints
                metadata:
                  name: quote
                  namespace: shop
                subsets:
                - addresses: [{ip: "%s"}]
                  ports: [{name: grpc, port: 50051, protocol: TCP}]
                """.formatted(ip);
    }

    @Test
    void endpointsArePutListedGotAndDeletedUnderTheirOwnPath() throws Exception {
        HttpResponse<String> put = admin.put("/api/v1/endpoints/quote", YAML, endpoints("10.0.0.7"));

        assertEquals(201, put.statusCode(), put::body);
        assertTrue(Files.exists(home.resolve("data/endpoints/quote.yaml")));
        assertEquals("10.0.0.7", json(admin.get("/api/v1/endpoints/quote")).path("subsets").get(0)
                .path("addresses").get(0).path("ip").asText());
        assertEquals("quote", json(admin.get("/api/v1/endpoints")).path("items").get(0).path("metadata").path("name")
                .asText());
        assertEquals(204, admin.delete("/api/v1/endpoints/quote").statusCode());
        assertFalse(Files.exists(home.resolve("data/endpoints/quote.yaml")));
    }

    @Test
    void anIpThatIsNotAnAddressAnswers422NamingTheFieldAndStoresNothing() throws Exception {
        HttpResponse<String> response = admin.put("/api/v1/endpoints/quote", YAML, endpoints("quote.shop"));

        assertProblem(response, 422, "Endpoints/quote");
        assertEquals("subsets[0].addresses[0].ip", json(response).path("problems").get(0).path("field").asText());
        assertFalse(Files.exists(home.resolve("data/endpoints/quote.yaml")));
    }
}
