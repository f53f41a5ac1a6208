package io.legate.testing;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.ForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.grpc.testing.protobuf.SimpleRequest;
import io.grpc.testing.protobuf.SimpleResponse;
import io.grpc.testing.protobuf.SimpleServiceGrpc;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * grpc-java's {@code SimpleService} answering as the request metadata ({@link Behaviour}) says: echoes, sized
 * replies, paced streams, chosen statuses, echoed initial and trailing metadata; and it records every cancellation.
 */
public final class ConformanceService extends SimpleServiceGrpc.SimpleServiceImplBase {

    private static final Context.Key<Metadata> HEADERS = Context.key("headers");

    private final ScheduledExecutorService timer;
    private final BlockingQueue<String> cancelled = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> started = new LinkedBlockingQueue<>();
    private final AtomicLong flooded = new AtomicLong();

    public ConformanceService(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    /** Methods whose calls began that can be cancelled, in order, as the server saw them. */
    public BlockingQueue<String> started() {
        return started;
    }

    /** Methods whose calls were cancelled, in order, as the server saw them. */
    public BlockingQueue<String> cancelled() {
        return cancelled;
    }

    /** Messages sent so far by the flood of {@link Behaviour#FLOOD}: how far flow control let the server run ahead. */
    public long flooded() {
        return flooded.get();
    }

    public ServerInterceptor interceptor() {
        return new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
                ServerCall<Q, R> echoing = new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
                    @Override
                    public void sendHeaders(Metadata responseHeaders) {
                        String initial = headers.get(Behaviour.ECHO_INITIAL);
                        if (initial != null) {
                            responseHeaders.put(Behaviour.ECHO_INITIAL, initial);
                        }
                        super.sendHeaders(responseHeaders);
                    }

                    @Override
                    public void close(Status status, Metadata trailers) {
                        byte[] trailing = headers.get(Behaviour.ECHO_TRAILING_BIN);
                        if (trailing != null) {
                            trailers.put(Behaviour.ECHO_TRAILING_BIN, trailing);
                        }
                        super.close(status, trailers);
                    }
                };
                return Contexts.interceptCall(Context.current().withValue(HEADERS, headers), echoing, headers, next);
            }
        };
    }

    @Override
    public void unaryRpc(SimpleRequest request, StreamObserver<SimpleResponse> responses) {
        watchCancel("unaryRpc", responses);
        Runnable answer = () -> {
            responses.onNext(reply(request.getRequestMessage()));
            finish(responses);
        };
        long sleep = number(Behaviour.SLEEP_MS, 0);
        if (sleep > 0) {
            timer.schedule(Context.current().wrap(answer), sleep, TimeUnit.MILLISECONDS);
        } else {
            answer.run();
        }
    }

    @Override
    public void serverStreamingRpc(SimpleRequest request, StreamObserver<SimpleResponse> responses) {
        watchCancel("serverStreamingRpc", responses);
        long count = number(Behaviour.RESPONSES, 1);
        if (HEADERS.get().get(Behaviour.FLOOD) != null) {
            flood(count, reply("f"), (ServerCallStreamObserver<SimpleResponse>) responses);
            return;
        }
        long interval = number(Behaviour.INTERVAL_MS, 0);
        Context context = Context.current();
        for (long i = 0; i < count; i++) {
            SimpleResponse response = reply(request.getRequestMessage() + i);
            timer.schedule(() -> {
                if (!((ServerCallStreamObserver<?>) responses).isCancelled()) {
                    responses.onNext(response);
                }
            }, i * interval, TimeUnit.MILLISECONDS);
        }
        timer.schedule(context.wrap(() -> finish(responses)), count * interval, TimeUnit.MILLISECONDS);
    }

    private void flood(long count, SimpleResponse message, ServerCallStreamObserver<SimpleResponse> responses) {
        flooded.set(0);
        Context context = Context.current();
        responses.setOnReadyHandler(() -> {
            while (responses.isReady() && flooded.get() < count) {
                responses.onNext(message);
                if (flooded.incrementAndGet() == count) {
                    context.run(() -> finish(responses));
                }
            }
        });
    }

    @Override
    public StreamObserver<SimpleRequest> clientStreamingRpc(StreamObserver<SimpleResponse> responses) {
        watchCancel("clientStreamingRpc", responses);
        Context context = Context.current();
        return new StreamObserver<>() {
            private int messages;
            private long bytes;

            @Override
            public void onNext(SimpleRequest request) {
                messages++;
                bytes += request.getRequestMessage().length();
            }

            @Override
            public void onError(Throwable t) {
            }

            @Override
            public void onCompleted() {
                context.run(() -> {
                    responses.onNext(SimpleResponse.newBuilder().setResponseMessage(messages + " messages, " + bytes + " bytes").build());
                    finish(responses);
                });
            }
        };
    }

    @Override
    public StreamObserver<SimpleRequest> bidiStreamingRpc(StreamObserver<SimpleResponse> responses) {
        watchCancel("bidiStreamingRpc", responses);
        Context context = Context.current();
        return new StreamObserver<>() {
            @Override
            public void onNext(SimpleRequest request) {
                responses.onNext(SimpleResponse.newBuilder().setResponseMessage(request.getRequestMessage()).build());
            }

            @Override
            public void onError(Throwable t) {
            }

            @Override
            public void onCompleted() {
                context.run(() -> finish(responses));
            }
        };
    }

    private void watchCancel(String method, StreamObserver<SimpleResponse> responses) {
        ((ServerCallStreamObserver<SimpleResponse>) responses).setOnCancelHandler(() -> cancelled.add(method));
        started.add(method);
    }

    private static SimpleResponse reply(String echo) {
        long size = number(Behaviour.RESPONSE_SIZE, -1);
        String message = size < 0 ? echo : "r".repeat((int) size);
        return SimpleResponse.newBuilder().setResponseMessage(message).build();
    }

    private static void finish(StreamObserver<SimpleResponse> responses) {
        Metadata headers = HEADERS.get();
        String status = headers.get(Behaviour.STATUS);
        if (status == null) {
            responses.onCompleted();
        } else {
            responses.onError(Status.fromCodeValue(Integer.parseInt(status))
                    .withDescription(message(headers)).asRuntimeException());
        }
    }

    /** The wanted status message travels URL-encoded, since header values are ASCII. */
    private static String message(Metadata headers) {
        String message = headers.get(Behaviour.MESSAGE);
        return message == null ? null : URLDecoder.decode(message, StandardCharsets.UTF_8);
    }

    private static long number(Metadata.Key<String> key, long absent) {
        String value = HEADERS.get().get(key);
        return value == null ? absent : Long.parseLong(value);
    }
}
