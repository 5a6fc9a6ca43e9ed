package com.cksconsole.approval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hash that pins an approval to its change: the same for the same change, different
 * when any part an approver read or the executor rebuilds differs.
 */
class ProposedChangeTest {

    static final ProposedChange BASE = new ProposedChange("prod", "cks-1234567890abcdef0", "payments-hsm",
            Set.of(ApprovalOperation.UPDATE_PASSWORD, ApprovalOperation.DISCONNECT),
            List.of(new ChangeLine("Key store password", null, "(replaced)"),
                    new ChangeLine("Connection", "CONNECTED", "DISCONNECTED")),
            Map.of("keyStoreId", "cks-1234567890abcdef0", "reconnect", "true"), Map.of("KeyStorePassword", "fp-1"),
            "store-fp-1", "/t/prod/key-stores/cks-1234567890abcdef0/approved/");

    @Test
    void theSameChangeHasTheSameHashWhateverTheOrderItsMapsAndOperationsWereBuiltIn() {
        var parameters = new LinkedHashMap<String, String>();
        parameters.put("reconnect", "true");
        parameters.put("keyStoreId", "cks-1234567890abcdef0");
        var rebuilt = new ProposedChange("prod", "cks-1234567890abcdef0", "payments-hsm",
                Set.of(ApprovalOperation.DISCONNECT, ApprovalOperation.UPDATE_PASSWORD), BASE.lines(), parameters,
                new HashMap<>(Map.of("KeyStorePassword", "fp-1")), "store-fp-1", BASE.executePath());

        assertThat(rebuilt.hash()).isEqualTo(BASE.hash()).hasSize(64);
    }

    @ParameterizedTest
    @MethodSource("everyPartChanged")
    void theHashChangesWithEveryPartOfTheChange(ProposedChange changed) {
        assertThat(changed.hash()).isNotEqualTo(BASE.hash());
    }

    static Stream<Named<ProposedChange>> everyPartChanged() {
        var b = BASE;
        return Stream.of(
                Named.of("target",
                        new ProposedChange("staging", b.storeId(), b.subject(), b.operations(), b.lines(),
                                b.parameters(), b.secretFingerprints(), b.storeFingerprint(), b.executePath())),
                Named.of("store",
                        new ProposedChange(b.target(), "cks-0fedcba0987654321", b.subject(), b.operations(), b.lines(),
                                b.parameters(), b.secretFingerprints(), b.storeFingerprint(), b.executePath())),
                Named.of("no store (a store to create)",
                        new ProposedChange(b.target(), null, b.subject(), b.operations(), b.lines(), b.parameters(),
                                b.secretFingerprints(), b.storeFingerprint(), b.executePath())),
                Named.of("first line's after",
                        new ProposedChange(b.target(), b.storeId(), b.subject(), b.operations(),
                                List.of(new ChangeLine("Key store password", null, "(unchanged)"), b.lines().get(1)),
                                b.parameters(), b.secretFingerprints(), b.storeFingerprint(), b.executePath())),
                Named.of("second line's before",
                        new ProposedChange(b.target(), b.storeId(), b.subject(), b.operations(),
                                List.of(b.lines().get(0), new ChangeLine("Connection", "FAILED", "DISCONNECTED")),
                                b.parameters(), b.secretFingerprints(), b.storeFingerprint(), b.executePath())),
                Named.of("a line's label",
                        new ProposedChange(b.target(), b.storeId(), b.subject(), b.operations(),
                                List.of(b.lines().get(0), new ChangeLine("State", "CONNECTED", "DISCONNECTED")),
                                b.parameters(), b.secretFingerprints(), b.storeFingerprint(), b.executePath())),
                Named.of("lines' order",
                        new ProposedChange(b.target(), b.storeId(), b.subject(), b.operations(),
                                List.of(b.lines().get(1), b.lines().get(0)), b.parameters(), b.secretFingerprints(),
                                b.storeFingerprint(), b.executePath())),
                Named.of("a line less",
                        new ProposedChange(b.target(), b.storeId(), b.subject(), b.operations(),
                                List.of(b.lines().get(0)), b.parameters(), b.secretFingerprints(), b.storeFingerprint(),
                                b.executePath())),
                Named.of("a parameter's value",
                        new ProposedChange(b.target(), b.storeId(), b.subject(), b.operations(), b.lines(),
                                Map.of("keyStoreId", "cks-1234567890abcdef0", "reconnect", "false"),
                                b.secretFingerprints(), b.storeFingerprint(), b.executePath())),
                Named.of("a parameter more",
                        new ProposedChange(b.target(), b.storeId(), b.subject(), b.operations(), b.lines(),
                                Map.of("keyStoreId", "cks-1234567890abcdef0", "reconnect", "true", "x", ""),
                                b.secretFingerprints(), b.storeFingerprint(), b.executePath())),
                Named.of("the secret's fingerprint",
                        new ProposedChange(b.target(), b.storeId(), b.subject(), b.operations(), b.lines(),
                                b.parameters(), Map.of("KeyStorePassword", "fp-2"), b.storeFingerprint(),
                                b.executePath())),
                Named.of("no secret",
                        new ProposedChange(b.target(), b.storeId(), b.subject(), b.operations(), b.lines(),
                                b.parameters(), Map.of(), b.storeFingerprint(), b.executePath())),
                Named.of("the store's fingerprint",
                        new ProposedChange(b.target(), b.storeId(), b.subject(), b.operations(), b.lines(),
                                b.parameters(), b.secretFingerprints(), "store-fp-2", b.executePath())),
                Named.of("no store fingerprint",
                        new ProposedChange(b.target(), b.storeId(), b.subject(), b.operations(), b.lines(),
                                b.parameters(), b.secretFingerprints(), null, b.executePath())),
                Named.of("operations",
                        new ProposedChange(b.target(), b.storeId(), b.subject(), Set.of(ApprovalOperation.DISCONNECT),
                                b.lines(), b.parameters(), b.secretFingerprints(), b.storeFingerprint(),
                                b.executePath())),
                Named.of("a value moved from one parameter's name into its value",
                        new ProposedChange(b.target(), b.storeId(), b.subject(), b.operations(), b.lines(),
                                Map.of("keyStoreId", "cks-1234567890abcdef0", "reconnect=4:true\n", ""),
                                b.secretFingerprints(), b.storeFingerprint(), b.executePath())));
    }

    @Test
    void theExecutePathIsNotPartOfTheHash() {
        var elsewhere = new ProposedChange(BASE.target(), BASE.storeId(), BASE.subject(), BASE.operations(),
                BASE.lines(), BASE.parameters(), BASE.secretFingerprints(), BASE.storeFingerprint(),
                "/t/prod/somewhere-else/");

        assertThat(elsewhere.hash()).isEqualTo(BASE.hash());
    }

}
