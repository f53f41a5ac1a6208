package io.legate.plugins.authservice;

import com.google.protobuf.StringValue;
import io.grpc.CallOptions;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.ClientCall;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import io.legate.testing.HelloWorld;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;

/** Callers of a test gateway: a gRPC one (helloworld) and an HTTP/1.1 one, each with an {@code authorization}. */
final class Callers implements AutoCloseable {

    static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private final HttpClient http = new HttpClient();

    Callers() throws Exception {
        http.setFollowRedirects(false);
        http.start();
    }

    /** An AuthService resource with these spec lines. */
    static String authService(String... specLines) {
        StringBuilder yaml = new StringBuilder(
                "---\napiVersion: getambassador.io/v3alpha1\nkind: AuthService\n"
                        + "metadata:\n  name: authentication\nspec:\n");
        for (String line : specLines) {
            yaml.append("  ").append(line).append('\n');
        }
        return yaml.toString();
    }

    /** SayHello through {@code channel}: the reply's text, or the status it failed with, as {@code CODE: message}. */
    static String sayHello(ManagedChannel channel, String authorization) {
        return sayHelloLater(channel, authorization).join();
    }

    /** {@link #sayHello}, holding no thread until the answer comes. */
    static CompletableFuture<String> sayHelloLater(ManagedChannel channel, String authorization) {
        Metadata headers = new Metadata();
        if (authorization != null) {
            headers.put(AUTHORIZATION, authorization);
        }
        CompletableFuture<String> answer = new CompletableFuture<>();
        ClientCall<StringValue, StringValue> call = ClientInterceptors
                .intercept(channel, MetadataUtils.newAttachHeadersInterceptor(headers))
                .newCall(HelloWorld.SAY_HELLO, CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS));
        ClientCalls.asyncUnaryCall(call, StringValue.of("you"), new StreamObserver<>() {
            @Override
            public void onNext(StringValue reply) {
                answer.complete(reply.getValue());
            }

            @Override
            public void onError(Throwable failure) {
                Status status = Status.fromThrowable(failure);
                answer.complete(status.getCode() + ": " + status.getDescription());
            }

            @Override
            public void onCompleted() {
            }
        });
        return answer;
    }

    /** A GET of {@code uri} with header name/value pairs. */
    ContentResponse get(String uri, String... headers) throws Exception {
        return http.newRequest(uri).timeout(10, TimeUnit.SECONDS)
                .headers(h -> {
                    for (int i = 0; i < headers.length; i += 2) {
                        h.put(headers[i], headers[i + 1]);
                    }
                })
                .send();
    }

    /** The denial both test services make: 401, their challenge, and {@code no entry}. */
    static void assertChallenged(ContentResponse response) {
        assertEquals(401, response.getStatus());
        assertEquals("Bearer realm=\"legate\"", response.getHeaders().get("www-authenticate"));
        assertEquals("no entry", response.getContentAsString());
    }

    @Override
    public void close() throws Exception {
        http.stop();
    }
}
