package com.cksconsole.health.credentials;

import java.util.function.IntConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code java -jar app.jar --console.health.credentials.rotate=true}: re-encrypts every
 * monitoring credential's data key under
 * {@code console.health.credentials.key-encryption-key} (the earlier KEKs configured
 * under {@code previous-key-encryption-keys}), prints the counts and exits: status 0 when
 * every row is under the current KEK, 1 otherwise. Safe to run again, and on a running
 * fleet (see docs/production.md, "Rotating the key-encryption key of monitoring
 * credentials").
 */
class KekRotationCommand implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(KekRotationCommand.class);

    private final MonitoringCredentials credentials;

    private final IntConsumer exit;

    KekRotationCommand(MonitoringCredentials credentials, IntConsumer exit) {
        this.credentials = credentials;
        this.exit = exit;
    }

    @Override
    public void run(ApplicationArguments args) {
        int status;
        try {
            KekRotationReport report = credentials.rotateKeyEncryptionKey();
            System.out.println(report);
            status = report.complete() ? 0 : 1;
        }
        catch (RuntimeException e) {
            log.error("KEK rotation of the monitoring credentials failed: {}", e.getMessage());
            status = 1;
        }
        exit.accept(status);
    }

    /** Closes the application and returns the status the process exits with. */
    static int exit(ConfigurableApplicationContext context, int status) {
        return SpringApplication.exit(context, () -> status);
    }

}
