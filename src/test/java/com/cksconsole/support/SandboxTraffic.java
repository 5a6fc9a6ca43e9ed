package com.cksconsole.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
 * per operation (as the console's own KmsClient and STS client sent them) and the error
 * answers per error code, and can take the console's database away right after the
 * sandbox has answered one call of a given operation and store, before the console reads
 * the answer. Marks every {@code /sandbox/**} thread for {@link FaultyDatabase}, so the
 * sandbox keeps its own database.
 */
public final class SandboxTraffic extends OncePerRequestFilter {

    private static final String TARGET_PREFIX = "TrentService.";

    private static final Pattern STS_ACTION = Pattern.compile("(?:^|&)Action=([A-Za-z]+)");

    private static final Pattern STS_ERROR_CODE = Pattern.compile("<Error>.*?<Code>([^<]+)</Code>");

    private final FaultyDatabase database;

    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    private final Map<String, AtomicInteger> answered = new ConcurrentHashMap<>();

    private final Map<String, AtomicInteger> errors = new ConcurrentHashMap<>();

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
     * How many calls of this operation (e.g. {@code AssumeRole}) the sandbox has answered
     * with success.
     */
    public int answered(String operation) {
        return answered.getOrDefault(operation, new AtomicInteger()).get();
    }

    /**
     * How many error answers with this code (KMS {@code ExpiredTokenException}, STS
     * {@code SignatureDoesNotMatch}) the sandbox has given.
     */
    public int errors(String code) {
        return errors.getOrDefault(code, new AtomicInteger()).get();
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

    private void countAnswer(@Nullable String operation, ContentCachingResponseWrapper response) {
        if (response.getStatus() == HttpServletResponse.SC_OK) {
            if (operation != null) {
                count(answered, operation);
            }
            return;
        }
        String code = response.getHeader("x-amzn-ErrorType");
        if (code == null) {
            code = firstGroup(STS_ERROR_CODE, new String(response.getContentAsByteArray(), StandardCharsets.UTF_8));
        }
        if (code != null) {
            count(errors, code);
        }
    }

    private static void count(Map<String, AtomicInteger> counts, String key) {
        counts.computeIfAbsent(key, name -> new AtomicInteger()).incrementAndGet();
    }

    private static @Nullable String firstGroup(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? matcher.group(1) : null;
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
        String kmsOperation = target != null && target.startsWith(TARGET_PREFIX)
                ? target.substring(TARGET_PREFIX.length()) : null;
        if (kmsOperation != null) {
            count(calls, kmsOperation);
        }
        var cachedRequest = new ContentCachingRequestWrapper(request, 64 * 1024);
        // The answer is held back until the trigger has run, so the console cannot read
        // it earlier.
        var heldResponse = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(cachedRequest, heldResponse);
            String operation = kmsOperation;
            if (path.startsWith("/sandbox/sts")) {
                // The Query protocol names the action in the form body, read only now.
                operation = firstGroup(STS_ACTION, cachedRequest.getContentAsString());
                if (operation != null) {
                    count(calls, operation);
                }
            }
            countAnswer(operation, heldResponse);
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
