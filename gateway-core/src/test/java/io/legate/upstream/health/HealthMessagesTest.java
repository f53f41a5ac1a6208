package io.legate.upstream.health;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.UnknownFieldSet;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** The messages as grpc-java's own classes encode them, framed as gRPC frames them. */
class HealthMessagesTest {

    private static ByteBuffer framed(byte[] message) {
        return ByteBuffer.allocate(5 + message.length).put((byte) 0).putInt(message.length).put(message).flip();
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    private static void assertRequestEncodedAsProtobufDoes(String service) {
        byte[] expected = bytes(framed(HealthCheckRequest.newBuilder().setService(service).build().toByteArray()));

        assertArrayEquals(expected, bytes(HealthMessages.request(service)));
    }

    @Test
    void aRequestForAServiceIsEncodedAsProtobufDoes() {
        assertRequestEncodedAsProtobufDoes("helloworld.Greeter");
    }

    @Test
    void aRequestForTheWholeServerIsTheEmptyMessage() {
        assertRequestEncodedAsProtobufDoes("");
    }

    @Test
    void aNameOfMoreThan127BytesTakesATwoByteLength() {
        assertRequestEncodedAsProtobufDoes("pkg.".repeat(40) + "Service");
    }

    @Test
    void aNameOutsideAsciiIsEncodedAsUtf8() {
        assertRequestEncodedAsProtobufDoes("café.Ünïcode");
    }

    @Test
    void everyServingStatusIsDecoded() {
        for (ServingStatus status : ServingStatus.values()) {
            if (status != ServingStatus.UNRECOGNIZED) {
                byte[] message = HealthCheckResponse.newBuilder().setStatus(status).build().toByteArray();

                assertEquals(status.getNumber(), HealthMessages.status(framed(message)), status.name());
            }
        }
    }

    @Test
    void fieldsOfLaterVersionsAreSkipped() {
        UnknownFieldSet later = UnknownFieldSet.newBuilder()
                .addField(2, UnknownFieldSet.Field.newBuilder().addLengthDelimited(
                        com.google.protobuf.ByteString.copyFromUtf8("a reason")).build())
                .addField(3, UnknownFieldSet.Field.newBuilder().addVarint(300).addFixed32(7).addFixed64(9).build())
                .build();
        byte[] message = HealthCheckResponse.newBuilder().setStatus(ServingStatus.SERVING)
                .setUnknownFields(later).build().toByteArray();

        assertEquals(HealthMessages.SERVING, HealthMessages.status(framed(message)));
    }

    @Test
    void aReplyShorterThanItsPrefixSaysIsRefused() {
        ByteBuffer truncated = ByteBuffer.allocate(6).put((byte) 0).putInt(2).put((byte) 8).flip();

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HealthMessages.status(truncated));
        assertEquals("a message of 2 bytes in a reply of 6", e.getMessage());
    }

    @Test
    void aCompressedReplyIsRefused() {
        ByteBuffer compressed = ByteBuffer.allocate(7).put((byte) 1).putInt(2).put((byte) 8).put((byte) 1).flip();

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HealthMessages.status(compressed));
        assertEquals("a compressed reply, though none was asked for", e.getMessage());
    }

    @Test
    void aFieldRunningPastTheEndIsRefused() {
        ByteBuffer cut = framed(new byte[] {2 << 3 | 2, 10, 'a'});

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HealthMessages.status(cut));
        assertEquals("a field runs past the end of the message", e.getMessage());
    }
}
