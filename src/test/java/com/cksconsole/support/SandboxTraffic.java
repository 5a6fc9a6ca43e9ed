package com.cksconsole.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingRequestWrapper;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Watches what reaches the KMS sandbox over HTTP, as AWS would see it: counts the calls
 * per operation (as the console's own KmsClient sent them), and can take the console's
 * database away right after the sandbox has answered one call of a given operation and
 * store, before the console reads the answer. Marks every {@code /sandbox/**} thread for
 * {@link FaultyDatabase}, so the sandbox keeps its own database.
 */
public final class SandboxTraffic extends OncePerRequestFilter {

    private static final String TARGET_PREFIX = "TrentService.";

    private final FaultyDatabase database;

    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    private final AtomicReference<@Nullable Trigger> armed = new AtomicReference<>();

    private record Trigger(String operation, String storeId) {
    }

    public SandboxTraffic(FaultyDatabase database) {
        this.database = database;
    }

    /**
     * How many calls of this operation (e.g. {@code DescribeCustomKeyStores}) the sandbox
     * has received.
     */
    public int calls(String operation) {
        return calls.getOrDefault(operation, new AtomicInteger()).get();
    }

    /**
     * The next time the sandbox has answered {@code operation} for {@code storeId}, the
     * console's database goes down, before the answer leaves for the console.
     */
    public void databaseDownAfter(String operation, String storeId) {
        armed.set(new Trigger(operation, storeId));
    }

    public void disarm() {
        armed.set(null);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (!path.startsWith("/sandbox/")) {
            chain.doFilter(request, response);
            return;
        }
        FaultyDatabase.servingSandbox(true);
        String target = request.getHeader("X-Amz-Target");
        String operation = target != null && target.startsWith(TARGET_PREFIX) ? target.substring(TARGET_PREFIX.length())
                : null;
        if (operation != null) {
            calls.computeIfAbsent(operation, name -> new AtomicInteger()).incrementAndGet();
        }
        var cachedRequest = new ContentCachingRequestWrapper(request, 64 * 1024);
        // The answer is held back until the trigger has run, so the console cannot read
        // it earlier.
        var heldResponse = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(cachedRequest, heldResponse);
            var trigger = armed.get();
            if (trigger != null && trigger.operation().equals(operation)
                    && new String(cachedRequest.getContentAsByteArray(), StandardCharsets.UTF_8)
                        .contains("\"" + trigger.storeId() + "\"")
                    && armed.compareAndSet(trigger, null)) {
                database.goDown();
            }
        }
        finally {
            FaultyDatabase.servingSandbox(false);
            heldResponse.copyBodyToResponse();
        }
    }

}
