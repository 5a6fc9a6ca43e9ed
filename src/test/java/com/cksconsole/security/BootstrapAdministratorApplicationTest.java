package com.cksconsole.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.ActiveProfiles;

import com.cksconsole.security.accounts.Role;
import com.cksconsole.security.accounts.UserAccountRepository;

/**
 * A first start without CONSOLE_ADMIN_PASSWORD: a strong password is generated, shown
 * once, and must change.
 */
@SpringBootTest(properties = "console.security.bootstrap-admin-password=")
@ActiveProfiles("test")
@ExtendWith(OutputCaptureExtension.class)
class BootstrapAdministratorApplicationTest {

    private static final Pattern SHOWN = Pattern.compile("first sign-in\\):\\s+(\\S{24})\\s");

    @Autowired
    UserAccountRepository users;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    BootstrapAdministrator bootstrap;

    @Test
    void generatesAStrongPasswordShowsItOnceAndRequiresAChange(CapturedOutput output) {
        var matcher = SHOWN.matcher(output.getAll());
        assertThat(matcher.find()).as("the generated password is printed").isTrue();
        String generated = matcher.group(1);

        var admin = users.findByUsername("admin").orElseThrow();
        assertThat(encoder.matches(generated, admin.passwordHash())).isTrue();
        assertThat(admin.passwordHash()).doesNotContain(generated);
        assertThat(admin.roles()).containsExactly(Role.ADMIN);
        assertThat(admin.mustChangePassword()).isTrue();
        assertThat(generated).matches("[A-Za-z2-9]{24}");

        bootstrap.run(null);
        assertThat(output.getAll().split(Pattern.quote(generated), -1)).as("printed exactly once").hasSize(2);
    }

}
