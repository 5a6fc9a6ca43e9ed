package com.cksconsole.sandbox.kms;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

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

    private final List<ConfigurableApplicationContext> running = new ArrayList<>();

    ConfigurableApplicationContext start(String jdbcUrl, String... arguments) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--spring.datasource.url=" + jdbcUrl,
                "--" + SandboxKmsTestSupport.XKS_TIMEOUT));
        args.addAll(List.of(arguments));
        var context = new SpringApplicationBuilder(ConsoleApplication.class).profiles("test")
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

}
