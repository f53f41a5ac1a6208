package io.legate.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.testing.protobuf.SimpleRequest;
import io.grpc.testing.protobuf.SimpleServiceGrpc;
import io.legate.testing.EchoHttpServer;
import io.legate.testing.Gateway;
import io.legate.testing.Mappings;
import io.legate.testing.MetricSamples;
import io.legate.testing.Resources;
import io.legate.testing.UpstreamServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The Module's ip_allow / ip_deny refuse callers by address; x_forwarded_proto_redirect sends cleartext to https. */
class CallerPolicyTest {

    private static final String PREFIX = "/grpc.testing.SimpleService/";
    private static final SimpleRequest HELLO = SimpleRequest.newBuilder().setRequestMessage("hello").build();

    private static Status.Code call(Gateway gateway) {
        try {
            SimpleServiceGrpc.newBlockingStub(gateway.channel()).withDeadlineAfter(5, TimeUnit.SECONDS).unaryRpc(HELLO);
            return Status.Code.OK;
        } catch (StatusRuntimeException e) {
            return e.getStatus().getCode();
        }
    }

    private static Gateway grpcGateway(UpstreamServer upstream, String... moduleConfig) throws Exception {
        return Gateway.startWithResources(Resources.ambassadorModule(moduleConfig)
                + Mappings.grpc("echo", PREFIX, upstream.address()));
    }

    @Test
    void aCallerInADeniedBlockIsRefusedWithPermissionDenied() throws Exception {
        try (UpstreamServer upstream = UpstreamServer.start();
             Gateway gateway = grpcGateway(upstream, "ip_deny:", "- peer: 127.0.0.1/32")) {
            assertEquals(Status.Code.PERMISSION_DENIED, call(gateway));
            assertEquals(1, MetricSamples.of(gateway.metrics().registry())
                    .value("legate_refused_total{reason=\"ip_denied\"}"));
        }
    }

    @Test
    void aCallerOutsideEveryAllowedBlockIsRefusedWithPermissionDenied() throws Exception {
        try (UpstreamServer upstream = UpstreamServer.start();
             Gateway gateway = grpcGateway(upstream, "ip_allow:", "- peer: 10.0.0.0/8", "- remote: 192.168.1.1")) {
            assertEquals(Status.Code.PERMISSION_DENIED, call(gateway));
        }
    }

    @Test
    void aCallerInAnAllowedBlockIsServed() throws Exception {
        try (UpstreamServer upstream = UpstreamServer.start();
             Gateway gateway = grpcGateway(upstream, "ip_allow:", "- peer: 10.0.0.0/8", "- remote: 127.0.0.0/8")) {
            assertEquals(Status.Code.OK, call(gateway));
        }
    }

    @Test
    void aRefusedCallerThatIsNotGrpcGets403() throws Exception {
        try (EchoHttpServer upstream = EchoHttpServer.start();
             Gateway gateway = Gateway.startWithResources(Resources.ambassadorModule("ip_deny:", "- peer: 127.0.0.1")
                     + Mappings.http("echo", upstream.address(), "prefix: /"))) {
            HttpResponse<String> reply = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(gateway.baseUri() + "/x")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertEquals(403, reply.statusCode(), reply.body());
        }
    }

    @Test
    void aRequestALoadBalancerTookOverCleartextIsRedirectedToHttps() throws Exception {
        try (EchoHttpServer upstream = EchoHttpServer.start();
             Gateway gateway = Gateway.startWithResources(Resources.ambassadorModule("x_forwarded_proto_redirect: true")
                     + Mappings.http("echo", upstream.address(), "prefix: /"))) {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpResponse<String> forwarded = client.send(HttpRequest.newBuilder(URI.create(gateway.baseUri() + "/a?b=c"))
                    .header("x-forwarded-proto", "http").build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> secure = client.send(HttpRequest.newBuilder(URI.create(gateway.baseUri() + "/a"))
                    .header("x-forwarded-proto", "https").build(), HttpResponse.BodyHandlers.ofString());

            assertEquals(301, forwarded.statusCode());
            // The load balancer's https port is the default one, whatever the gateway's own listeners are.
            assertEquals("https://127.0.0.1/a?b=c", forwarded.headers().firstValue("location").orElse(null));
            assertEquals(200, secure.statusCode());
        }
    }

    @Test
    void withoutTheModuleSettingXForwardedProtoIsPassedOn() throws Exception {
        try (EchoHttpServer upstream = EchoHttpServer.start();
             Gateway gateway = Gateway.start(Mappings.http("echo", upstream.address(), "prefix: /"))) {
            HttpResponse<String> reply = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(gateway.baseUri() + "/a")).header("x-forwarded-proto", "http").build(),
                    HttpResponse.BodyHandlers.ofString());

            assertEquals(200, reply.statusCode());
        }
    }
}
