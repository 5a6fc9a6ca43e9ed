package com.cksconsole;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/** Custom Key Store Console: a web admin console for AWS KMS custom key stores. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ConsoleApplication {

    public static void main(String[] args) {
        SpringApplication.run(ConsoleApplication.class, args);
    }

    /** The one source of "now", so that tests can fix time. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

}
