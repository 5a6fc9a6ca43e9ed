package com.cksconsole.sandbox.kms;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationStartingEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;

import com.cksconsole.ConsoleApplication;
import com.cksconsole.kms.SandboxDefaults;

/**
 * Whole application instances started and stopped by a test (restarts, several instances
 * on one database), with the test profile and a random port. Arguments are passed as
 * command-line arguments so they win over the profile.
 */
final class SandboxApplications implements AutoCloseable {

    /**
     * Logback keeps one logger context per JVM, and two applications that initialise
     * logging at the same moment race on its property map
     * (ConcurrentModificationException in LoggerContext.putProperty). Instances started
     * together therefore take turns only until their logging is set up; everything after
     * (Flyway, seeding, the web server: what the tests are about) runs concurrently.
     */
    private static final ReentrantLock LOGGING_SET_UP = new ReentrantLock();

    private final List<ConfigurableApplicationContext> running = new CopyOnWriteArrayList<>();

    private final Path keyDirectory = Path.of(System.getProperty("java.io.tmpdir"),
            "cks-console-test-keys-" + UUID.randomUUID());

    ConfigurableApplicationContext start(String jdbcUrl, String... arguments) {
        // Instances sharing one database share their generated audit keys, as every
        // instance
        // of one installation must (each would otherwise key the one audit chain
        // differently).
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--spring.datasource.url=" + jdbcUrl,
                "--" + SandboxKmsTestSupport.XKS_TIMEOUT, "--console.audit.key-directory=" + keyDirectory));
        args.addAll(List.of(arguments));
        var context = new SpringApplicationBuilder(ConsoleApplication.class).profiles("test")
            .listeners(new LoggingTurn())
            .run(args.toArray(String[]::new));
        running.add(context);
        return context;
    }

    void stop(ConfigurableApplicationContext context) {
        context.close();
        running.remove(context);
    }

    static int port(ConfigurableApplicationContext context) {
        return context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

    static KmsClient kms(ConfigurableApplicationContext context, String region) {
        return KmsClient.builder()
            .endpointOverride(URI.create("http://127.0.0.1:" + port(context) + "/sandbox/kms"))
            .region(Region.of(region))
            .credentialsProvider(StaticCredentialsProvider
                .create(AwsBasicCredentials.create(SandboxDefaults.ACCESS_KEY_ID, SandboxDefaults.SECRET_ACCESS_KEY)))
            .httpClient(UrlConnectionHttpClient.create())
            .overrideConfiguration(config -> config.retryStrategy(AwsRetryStrategy.doNotRetry()))
            .build();
    }

    @Override
    public void close() {
        List.copyOf(running).forEach(this::stop);
    }

    /**
     * Holds {@link #LOGGING_SET_UP} from the start of an application until its logging is
     * initialised.
     */
    private static final class LoggingTurn implements ApplicationListener<ApplicationEvent>, Ordered {

        @Override
        public void onApplicationEvent(ApplicationEvent event) {
            if (event instanceof ApplicationStartingEvent) {
                LOGGING_SET_UP.lock();
            }
            else if ((event instanceof ApplicationEnvironmentPreparedEvent || event instanceof ApplicationFailedEvent)
                    && LOGGING_SET_UP.isHeldByCurrentThread()) {
                LOGGING_SET_UP.unlock();
            }
        }

        /**
         * Last: the environment-prepared event is where Boot's logging listener
         * initialises logging.
         */
        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }

    }

}
