package com.cksconsole.edge;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.apache.coyote.Adapter;
import org.apache.coyote.InputBuffer;
import org.apache.coyote.Processor;
import org.apache.coyote.http11.Http11NioProtocol;
import org.apache.coyote.http11.Http11Processor;
import org.apache.tomcat.util.net.ApplicationBufferHandler;
import org.apache.tomcat.util.net.SocketWrapperBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tomcat's HTTP/1.1 NIO connector with a deadline for each whole request body
 * ({@code console.http.request-body-timeout}), in addition to Tomcat's own timeout
 * between two reads.
 *
 * <p>
 * Why here, at the bottom of the container: every way a request body is read (form
 * parameters, multipart parts, a servlet's input stream) ends in the connector's one
 * input buffer, while a servlet filter's stream wrapper would miss the container's own
 * parameter and multipart parsing. Why a shorter socket read timeout and not a check
 * after each read: a blocked read only returns when bytes arrive or its timeout passes,
 * so each read waits at most until the deadline. When it passes, the read fails with a
 * {@link SocketTimeoutException}, which ends the request: Tomcat closes the connection
 * (answering 408 Request Timeout when it still can), and the worker thread is free again.
 *
 * <p>
 * Public with a no-argument constructor: Tomcat instantiates its protocol handler from
 * the class name.
 */
public class BodyDeadlineHttp11NioProtocol extends Http11NioProtocol {

    private static final Logger log = LoggerFactory.getLogger(BodyDeadlineHttp11NioProtocol.class);

    private volatile long requestBodyTimeoutNanos = TimeUnit.SECONDS.toNanos(30);

    public void setRequestBodyTimeout(Duration timeout) {
        this.requestBodyTimeoutNanos = timeout.toNanos();
    }

    public Duration getRequestBodyTimeout() {
        return Duration.ofNanos(requestBodyTimeoutNanos);
    }

    @Override
    protected Processor createProcessor() {
        return new BodyDeadlineProcessor(this, getAdapter());
    }

    /**
     * Tomcat's HTTP/1.1 processor, its request reading through
     * {@link DeadlineInputBuffer}.
     */
    private static final class BodyDeadlineProcessor extends Http11Processor {

        BodyDeadlineProcessor(BodyDeadlineHttp11NioProtocol protocol, Adapter adapter) {
            super(protocol, adapter);
            request.setInputBuffer(new DeadlineInputBuffer(request.getInputBuffer(), protocol));
        }

        /**
         * Counts from the first read of a request's body; each read may block only until
         * the deadline. The processor serves one request at a time (keep-alive requests
         * one after the other), and a request is told from the next by its start time,
         * which Tomcat sets anew for each.
         */
        private final class DeadlineInputBuffer implements InputBuffer {

            private final InputBuffer delegate;

            private final BodyDeadlineHttp11NioProtocol protocol;

            private long armedForRequestStartedAt = Long.MIN_VALUE;

            private long deadlineNanos;

            DeadlineInputBuffer(InputBuffer delegate, BodyDeadlineHttp11NioProtocol protocol) {
                this.delegate = delegate;
                this.protocol = protocol;
            }

            @Override
            public int doRead(ApplicationBufferHandler handler) throws IOException {
                long now = System.nanoTime();
                if (request.getStartTimeNanos() != armedForRequestStartedAt) {
                    armedForRequestStartedAt = request.getStartTimeNanos();
                    deadlineNanos = now + protocol.requestBodyTimeoutNanos;
                }
                long remainingMillis = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - now);
                if (remainingMillis <= 0) {
                    throw cutOff(new SocketTimeoutException("the request body did not arrive in time"));
                }
                SocketWrapperBase<?> socket = socketWrapper;
                long betweenReads = socket.getReadTimeout();
                boolean shortened = betweenReads <= 0 || remainingMillis < betweenReads;
                if (shortened) {
                    socket.setReadTimeout(remainingMillis);
                }
                try {
                    return delegate.doRead(handler);
                }
                catch (SocketTimeoutException e) {
                    throw shortened ? cutOff(e) : e; // else Tomcat's own timeout between
                                                     // two reads
                }
                finally {
                    if (shortened) {
                        socket.setReadTimeout(betweenReads);
                    }
                }
            }

            private SocketTimeoutException cutOff(SocketTimeoutException e) {
                log.info("A request body did not arrive within {}: the connection is closed",
                        protocol.getRequestBodyTimeout());
                return e;
            }

            @Override
            public int available() {
                return delegate.available();
            }

        }

    }

}
