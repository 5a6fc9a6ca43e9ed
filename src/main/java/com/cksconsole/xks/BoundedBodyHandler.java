package com.cksconsole.xks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

import org.jspecify.annotations.Nullable;

/**
 * Collects a response body into memory, but gives up once it exceeds a limit: a health
 * answer is a few hundred bytes, and a misbehaving proxy must not make the console buffer
 * megabytes.
 */
final class BoundedBodyHandler implements HttpResponse.BodyHandler<byte[]> {

    private final int limit;

    BoundedBodyHandler(int limit) {
        this.limit = limit;
    }

    @Override
    public HttpResponse.BodySubscriber<byte[]> apply(HttpResponse.ResponseInfo responseInfo) {
        return new BoundedSubscriber(limit);
    }

    /** The body was larger than the limit. */
    static final class BodyTooLargeException extends IOException {

        BodyTooLargeException(int limit) {
            super("response body larger than " + limit + " bytes");
        }

    }

    private static final class BoundedSubscriber implements HttpResponse.BodySubscriber<byte[]> {

        private final int limit;

        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

        private final CompletableFuture<byte[]> body = new CompletableFuture<>();

        private Flow.@Nullable Subscription subscription;

        BoundedSubscriber(int limit) {
            this.limit = limit;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (body.isDone()) {
                return;
            }
            for (ByteBuffer item : items) {
                if (buffer.size() + item.remaining() > limit) {
                    var current = subscription;
                    if (current != null) {
                        current.cancel();
                    }
                    body.completeExceptionally(new BodyTooLargeException(limit));
                    return;
                }
                byte[] chunk = new byte[item.remaining()];
                item.get(chunk);
                buffer.writeBytes(chunk);
            }
        }

        @Override
        public void onError(Throwable throwable) {
            body.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            body.complete(buffer.toByteArray());
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return body;
        }

    }

}
