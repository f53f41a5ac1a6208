package io.legate.bench;

import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.TlsChannelCredentials;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code count} channels to one target, each its own HTTP/2 connection; h2c, or TLS trusting {@code caFile}; calls
 * name {@code authority} in {@code :authority} when given (a gateway routes on it), else the target.
 */
final class Channels implements AutoCloseable {

    private final List<ManagedChannel> channels = new ArrayList<>();

    Channels(String target, int count, String caFile) throws IOException {
        this(target, count, caFile, null);
    }

    Channels(String target, int count, String caFile, String authority) throws IOException {
        if (count < 1) {
            throw new IllegalArgumentException("channels: " + count + " (expected: >= 1)");
        }
        ChannelCredentials credentials = caFile == null
                ? InsecureChannelCredentials.create()
                : TlsChannelCredentials.newBuilder().trustManager(new File(caFile)).build();
        for (int i = 0; i < count; i++) {
            ManagedChannelBuilder<?> builder = Grpc.newChannelBuilder(target, credentials)
                    .directExecutor()
                    .maxInboundMessageSize(64 * 1024 * 1024);
            if (authority != null) {
                builder.overrideAuthority(authority);
            }
            channels.add(builder.build());
        }
    }

    static Channels of(Options options) throws IOException {
        return new Channels(options.required("target"), options.integer("channels", 1), options.string("ca", null),
                options.string("authority", null));
    }

    /** The channel for the {@code i}-th call: calls are spread round-robin. */
    ManagedChannel get(int i) {
        return channels.get(Math.floorMod(i, channels.size()));
    }

    @Override
    public void close() throws InterruptedException {
        channels.forEach(ManagedChannel::shutdownNow);
        for (ManagedChannel channel : channels) {
            channel.awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
