package com.cksconsole.keystore.web;

import java.util.List;

import com.cksconsole.proxyconfig.ProxyConfigurationSource;

/**
 * What the edit page says after a proxy configuration was imported: which fields came
 * from where, what the store's state kept from being applied, and the keys that were
 * ignored.
 *
 * @param sentence "Imported from proxy.json (312 bytes, SHA-256 3f9a1c0b2d4e…): proxy URI
 * path, access key ID, secret access key; the same as now: proxy connectivity; left as
 * they were: name, …."
 * @param notApplied one sentence per file value the store's state does not let change now
 * @param warnings the ignored keys, one sentence each
 */
record ImportSummary(String sentence, List<String> notApplied, List<String> warnings) {

    static ImportSummary of(ProxyConfigurationSource source, XksImportPrefill prefill, List<String> warnings) {
        var sentence = new StringBuilder("Imported from ").append(describe(source));
        if (!prefill.applied().isEmpty()) {
            sentence.append(": ").append(String.join(", ", prefill.applied()));
        }
        else {
            sentence.append(prefill.sameAsNow().isEmpty() ? ": nothing could be applied" : ": nothing new");
        }
        if (!prefill.sameAsNow().isEmpty()) {
            sentence.append("; the same as now: ").append(String.join(", ", prefill.sameAsNow()));
        }
        if (!prefill.leftAsTheyWere().isEmpty()) {
            sentence.append("; left as they were: ").append(String.join(", ", prefill.leftAsTheyWere()));
        }
        return new ImportSummary(sentence.append('.').toString(), prefill.notApplied(), warnings);
    }

    /**
     * "proxy.json (312 bytes, SHA-256 3f9a1c0b2d4e…)" or "pasted text (…)": facts only,
     * never content.
     */
    static String describe(ProxyConfigurationSource source) {
        return source.name() + " (" + source.size() + ", SHA-256 " + source.shortSha256() + "…)";
    }
}
