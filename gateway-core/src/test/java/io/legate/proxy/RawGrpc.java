package io.legate.proxy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;

/** gRPC on the wire, without a gRPC library: for what a grpc-java client would not send or would hide. */
final class RawGrpc {

    private static final HttpClient H2C = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();

    private RawGrpc() {
    }

    /** One length-prefixed, uncompressed message. */
    static byte[] frame(byte[] message) {
        return ByteBuffer.allocate(5 + message.length).put((byte) 0).putInt(message.length).put(message).array();
    }

    /** POSTs over HTTP/2 (h2c by upgrade), with gRPC's content-type and {@code te}, and extra header pairs. */
    static HttpResponse<byte[]> post(int port, String path, byte[] body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("content-type", "application/grpc")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return H2C.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
