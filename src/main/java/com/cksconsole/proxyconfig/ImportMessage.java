package com.cksconsole.proxyconfig;

import org.jspecify.annotations.Nullable;

/**
 * One sentence for the operator about an imported proxy configuration: a reason for
 * refusal or a warning. Never contains the RawSecretAccessKey or the AccessKeyId value.
 *
 * @param key the file key concerned, as spelled in the file, nested keys joined with a
 * dot (for example {@code XksProxyAuthenticationCredential.AccessKeyId}); {@code null}
 * when the message is about the whole file (empty, not JSON, too large, ...)
 * @param text the plain sentence shown to the operator
 */
public record ImportMessage(@Nullable String key, String text) {

    static ImportMessage about(String key, String text) {
        return new ImportMessage(key, text);
    }

    static ImportMessage wholeFile(String text) {
        return new ImportMessage(null, text);
    }
}
