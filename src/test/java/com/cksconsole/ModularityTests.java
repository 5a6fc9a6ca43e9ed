package com.cksconsole;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

class ModularityTests {

    static final ApplicationModules MODULES = ApplicationModules.of(ConsoleApplication.class);

    @Test
    void modulesKeepTheirBoundaries() {
        MODULES.verify();
    }
}
