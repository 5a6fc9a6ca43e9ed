package com.cksconsole.keystore.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.function.Function;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.cksconsole.support.ConsoleApplicationTest;
import com.cksconsole.support.ConsoleFaultTest;
import com.cksconsole.support.ConsoleHttpClient;
import com.cksconsole.support.MutableClock;
import com.cksconsole.support.SandboxTraffic;

/**
 * Made-up key store IDs cannot burn KMS's DescribeCustomKeyStores quota (about 5 per
 * second per account and Region): fifty requests for random, well-formed IDs (detail
 * pages, the {@code /state} poll, edit pages, connect pages and connect calls), ten at a
 * time, cost at most one Describe between them, counted where AWS would count them: as
 * they reach the KMS sandbox. Each answers 404 with the console's page. The application's
 * clock is held still, so the whole test lies within one snapshot period.
 */
@ConsoleFaultTest
class UnknownKeyStoreIdsApplicationTest {

    private static final int REQUESTS = 50;

    private static final SecureRandom RANDOM = new SecureRandom();

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    @Autowired
    SandboxTraffic traffic;

    private ConsoleHttpClient operator;

    @BeforeEach
    void signIn() {
        clock.setToRealTime();
        operator = ConsoleHttpClient.signedIn(port, "admin", ConsoleApplicationTest.ADMIN_PASSWORD);
    }

    @Test
    void fiftyRequestsForMadeUpIdsCostAtMostOneDescribeAndEachIsNotFound() throws Exception {
        assertThat(operator.get("/key-stores").statusCode()).isEqualTo(200);
        int describesBefore = traffic.calls("DescribeCustomKeyStores");
        int connectsBefore = traffic.calls("ConnectCustomKeyStore");
        List<Function<String, HttpResponse<String>>> requests = List.of(
                id -> operator.get("/t/default/key-stores/" + id),
                id -> operator.get("/t/default/key-stores/" + id + "/state"),
                id -> operator.get("/t/default/key-stores/" + id + "/edit"),
                id -> operator.get("/t/default/key-stores/" + id + "/connect"),
                id -> operator.get("/t/default/key-stores/" + id + "/delete"),
                id -> operator.postForm("/t/default/key-stores/" + id + "/connect", Map.of()));

        var pool = Executors.newFixedThreadPool(10);
        var answers = new ArrayList<CompletableFuture<HttpResponse<String>>>();
        try {
            for (int i = 0; i < REQUESTS; i++) {
                var request = requests.get(i % requests.size());
                String id = madeUpId();
                answers.add(CompletableFuture.supplyAsync(() -> request.apply(id), pool));
            }
            for (var answer : answers) {
                var response = answer.join();
                assertThat(response.statusCode()).as(response.uri().toString()).isEqualTo(404);
                assertThat(response.body()).contains("Key store not found", "Custom Key Store Console");
            }
        }
        finally {
            pool.shutdownNow();
        }

        assertThat(traffic.calls("DescribeCustomKeyStores") - describesBefore).isLessThanOrEqualTo(1);
        assertThat(traffic.calls("ConnectCustomKeyStore")).as("no connect for a made-up ID").isEqualTo(connectsBefore);
    }

    /** Shaped like a real ID: {@code cks-} and 17 hexadecimal digits. */
    private static String madeUpId() {
        var id = new StringBuilder("cks-");
        for (int i = 0; i < 17; i++) {
            id.append(Character.forDigit(RANDOM.nextInt(16), 16));
        }
        return id.toString();
    }

}
