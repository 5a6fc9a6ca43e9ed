package com.cksconsole.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import com.cksconsole.support.ConsoleApplicationTest;

/**
 * Slow request bodies against the running console on real sockets: a body that trickles
 * in (one byte per drip, far more often than Tomcat's 10 s timeout between reads) is cut
 * off when its total time is up, and ten such clients at once leave the console answering
 * everyone else.
 */
@ConsoleApplicationTest
@TestPropertySource(
        properties = "console.http.request-body-timeout=" + SlowRequestBodyApplicationTest.DEADLINE_MILLIS + "ms")
class SlowRequestBodyApplicationTest {

    static final long DEADLINE_MILLIS = 2_000;

    private static final Duration DEADLINE = Duration.ofMillis(DEADLINE_MILLIS);

    private static final Duration DRIP = Duration.ofMillis(250);

    /** A body that would take 100,000 drips (seven hours) to arrive. */
    private static final int ENDLESS = 100_000;

    @LocalServerPort
    int port;

    @Test
    void aBodyThatTricklesInIsCutOffWhenItsTotalTimeIsUp() {
        try (var client = TricklingClient.start(port, "/login", ENDLESS, "username=", DRIP)) {
            await().atMost(DEADLINE.multipliedBy(3)).until(client::closedByServer);

            assertThat(client.closedAfter()).as("not before the deadline: every drip came in time")
                .isGreaterThanOrEqualTo(DEADLINE.minus(DRIP));
            client.statusLine()
                .ifPresent(status -> assertThat(status).as("no page was served to it").startsWith("HTTP/1.1 408"));
        }
    }

    @Test
    void aSlowBodyThatArrivesWithinTheTimeIsAnswered() {
        String body = "username=";
        // 4 drips of 250 ms: complete after about 1 s of the 2 s allowed.
        try (var client = TricklingClient.start(port, "/login", body.length() + 4, body, DRIP)) {
            await().atMost(DEADLINE.multipliedBy(3)).until(() -> client.statusLine().isPresent());

            assertThat(client.statusLine()).get()
                .asString()
                .doesNotStartWith("HTTP/1.1 408")
                .matches("HTTP/1.1 [234]\\d\\d.*");
        }
    }

    @Test
    void tenTricklingClientsLeaveTheConsoleAnsweringOthersAndAreAllCutOff() throws Exception {
        var http = HttpClient.newHttpClient();
        var signInPage = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
            .timeout(DEADLINE)
            .build();
        http.send(signInPage, HttpResponse.BodyHandlers.discarding()); // warm up: the
                                                                       // page is rendered
                                                                       // once

        List<TricklingClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 10; i++) {
                clients.add(TricklingClient.start(port, "/login", ENDLESS, "username=", DRIP));
            }
            var answered = http.send(signInPage, HttpResponse.BodyHandlers.ofString());

            assertThat(answered.statusCode()).isEqualTo(200);
            assertThat(answered.body()).contains("Sign in");
            await().atMost(DEADLINE.multipliedBy(3))
                .until(() -> clients.stream().allMatch(TricklingClient::closedByServer));
        }
        finally {
            clients.forEach(TricklingClient::close);
        }
    }

}
