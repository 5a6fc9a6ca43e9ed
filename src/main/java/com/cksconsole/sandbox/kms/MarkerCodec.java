package com.cksconsole.sandbox.kms;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * DescribeCustomKeyStores pagination markers: opaque and tamper-evident. A marker names
 * the last store of the page (creation time and ID, the sort order) and the account and
 * Region, with an HMAC under a random key that lives in the sandbox tables, so markers
 * survive restarts and work on every instance. Anything else is an
 * InvalidMarkerException.
 */
final class MarkerCodec {

    private static final String VERSION = "m2";

    private static final String LIST_VERSION = "l1";

    private static final int MAC_BYTES = 16;

    /** The position after which the next page starts. */
    record Position(long creationMillis, String id) {

        boolean isBefore(SandboxKeyStore store) {
            long created = store.creationDate().toEpochMilli();
            return created > creationMillis || (created == creationMillis && store.id().compareTo(id) > 0);
        }
    }

    private final SecretKeySpec key;

    MarkerCodec(byte[] key) {
        this.key = new SecretKeySpec(key, "HmacSHA256");
    }

    String encode(AccountRegion region, SandboxKeyStore lastOfPage) {
        String payload = String.join("|", VERSION, region.accountId(), region.region(),
                Long.toString(lastOfPage.creationDate().toEpochMilli()), lastOfPage.id());
        return base64(payload.getBytes(StandardCharsets.UTF_8)) + "." + base64(mac(payload));
    }

    Position decode(AccountRegion region, String marker) {
        int dot = marker.indexOf('.');
        try {
            String payload = new String(Base64.getUrlDecoder().decode(marker.substring(0, dot)),
                    StandardCharsets.UTF_8);
            byte[] signature = Base64.getUrlDecoder().decode(marker.substring(dot + 1));
            if (!MessageDigest.isEqual(mac(payload), signature)) {
                throw invalid();
            }
            String[] parts = payload.split("\\|", -1);
            if (parts.length != 5 || !VERSION.equals(parts[0]) || !region.accountId().equals(parts[1])
                    || !region.region().equals(parts[2])) {
                throw invalid();
            }
            return new Position(Long.parseLong(parts[3]), parts[4]);
        }
        catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
            throw invalid();
        }
    }

    /**
     * A marker for the other list operations (ListKeys, ListAliases, ListResourceTags):
     * {@code kind} names the list, {@code position} is the sort key of the page's last
     * entry.
     */
    String encode(AccountRegion region, String kind, String position) {
        String payload = String.join("|", LIST_VERSION, kind, region.accountId(), region.region(), position);
        return base64(payload.getBytes(StandardCharsets.UTF_8)) + "." + base64(mac(payload));
    }

    /** The position a marker of {@link #encode(AccountRegion, String, String)} names. */
    String decode(AccountRegion region, String kind, String marker) {
        int dot = marker.indexOf('.');
        try {
            String payload = new String(Base64.getUrlDecoder().decode(marker.substring(0, dot)),
                    StandardCharsets.UTF_8);
            byte[] signature = Base64.getUrlDecoder().decode(marker.substring(dot + 1));
            if (!MessageDigest.isEqual(mac(payload), signature)) {
                throw invalid();
            }
            String[] parts = payload.split("\\|", 5);
            if (parts.length != 5 || !LIST_VERSION.equals(parts[0]) || !kind.equals(parts[1])
                    || !region.accountId().equals(parts[2]) || !region.region().equals(parts[3])) {
                throw invalid();
            }
            return parts[4];
        }
        catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
            throw invalid();
        }
    }

    private byte[] mac(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return Arrays.copyOf(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)), MAC_BYTES);
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    private static String base64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static KmsError invalid() {
        return KmsError.of("InvalidMarkerException",
                "The request was rejected because the marker that specifies where pagination should next begin is "
                        + "not valid.");
    }

}
