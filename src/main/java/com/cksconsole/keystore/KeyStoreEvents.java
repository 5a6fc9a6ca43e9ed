package com.cksconsole.keystore;

import java.util.List;

import org.jspecify.annotations.Nullable;

import com.cksconsole.kms.KeyStoreRef;
import com.cksconsole.kms.KmsTarget;
import com.cksconsole.proxyconfig.ProxyConfigurationSource;

/**
 * The one-way notifications of the keystore module, published as application events
 * (synchronously, on the publisher's thread). The audit log listens to them
 * ({@code internal.KeyStoreAuditListener}); none of them precedes a KMS call, so none
 * needs the fail-closed intent of {@code internal.KeyStoreAudit}. The other one-way
 * notification is {@link KeyStoreActivityRecord}: a guided change's steps and requests,
 * XKS pre-flight results and overrides, connect and disconnect intents and outcomes.
 *
 * <p>
 * A listener that throws makes the publisher's call fail, as a direct call would (a
 * refused update or an import that cannot be audited is not silently lost).
 */
public final class KeyStoreEvents {

    private KeyStoreEvents() {
    }

    /**
     * A complete Describe of every store of a target, e.g. to settle audit intents whose
     * outcome was lost. Its listeners must not throw: the describe path does not fail
     * because of them.
     */
    public record StoresDescribed(KmsTarget target, List<CustomKeyStore> stores) {

        public StoresDescribed {
            stores = List.copyOf(stores);
        }
    }

    /**
     * An XKS proxy configuration read for this store's form: accepted (no problems) or
     * refused with the parser's reasons.
     */
    public record ProxyConfigurationRead(KeyStoreRef store, CustomKeyStore described,
            ProxyConfigurationSource configuration, List<String> problems) {

        public ProxyConfigurationRead {
            problems = List.copyOf(problems);
        }
    }

    /**
     * An update refused before anything was sent: validation, state rules, a store
     * changed meanwhile, a busy store, a missing pre-flight check.
     *
     * @param change what was asked for, when it could be read (its secrets are
     * {@link Secret}s, redacted in {@code toString()})
     */
    public record UpdateRefused(KeyStoreRef store, CustomKeyStore described, @Nullable KeyStoreChange change,
            @Nullable String reason, List<String> why) {

        public UpdateRefused {
            why = List.copyOf(why);
        }
    }

}
