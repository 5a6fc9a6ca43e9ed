package com.cksconsole.keystore.internal;

import java.net.URI;
import java.util.concurrent.CompletableFuture;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.endpoints.Endpoint;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.endpoints.KmsEndpointProvider;

import com.cksconsole.keystore.KmsProperties;
import com.cksconsole.kms.KmsMode;
import com.cksconsole.kms.SandboxDefaults;

/** Builds the one {@link KmsClient} of the application from {@link KmsProperties}. */
@Configuration(proxyBeanMethods = false)
class KmsClientConfiguration {

    static final String SANDBOX_PATH = "/sandbox/kms";

    @Bean(destroyMethod = "close")
    KmsClient kmsClient(KmsProperties properties, Environment environment) {
        var builder = KmsClient.builder()
            .region(Region.of(properties.region()))
            .httpClient(UrlConnectionHttpClient.create())
            .credentialsProvider(credentials(properties, environment));
        var endpoint = properties.endpoint();
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        else if (properties.mode() == KmsMode.SANDBOX) {
            // The sandbox is served by this very application, whose port is only known
            // once the web server
            // has started (tests use a random port), so the endpoint is resolved per
            // request.
            builder.endpointProvider(sandboxEndpoint(environment));
        }
        return builder.build();
    }

    private static AwsCredentialsProvider credentials(KmsProperties properties, Environment environment) {
        if (properties.mode() == KmsMode.AWS) {
            return DefaultCredentialsProvider.builder().build();
        }
        // The console signs with the credentials the sandbox accepts; both read the
        // console.sandbox.* keys.
        var sandbox = Binder.get(environment).bindOrCreate("console.sandbox", SandboxClientCredentials.class);
        return StaticCredentialsProvider
            .create(AwsBasicCredentials.create(sandbox.accessKeyId(), sandbox.secretAccessKey()));
    }

    private static KmsEndpointProvider sandboxEndpoint(Environment environment) {
        return parameters -> {
            String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
            var url = URI.create("http://127.0.0.1:" + port + SANDBOX_PATH);
            return CompletableFuture.completedFuture(Endpoint.builder().url(url).build());
        };
    }

    /**
     * The sandbox's credentials as the console's client needs them (defaults match the
     * sandbox's).
     */
    record SandboxClientCredentials(String accessKeyId, String secretAccessKey) {
        SandboxClientCredentials {
            accessKeyId = accessKeyId == null ? SandboxDefaults.ACCESS_KEY_ID : accessKeyId;
            secretAccessKey = secretAccessKey == null ? SandboxDefaults.SECRET_ACCESS_KEY : secretAccessKey;
        }

        @Override
        public String toString() {
            return "SandboxClientCredentials[accessKeyId=" + accessKeyId + ", secretAccessKey=<redacted>]";
        }
    }

}
