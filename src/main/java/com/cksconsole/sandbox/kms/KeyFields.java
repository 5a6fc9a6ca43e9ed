package com.cksconsole.sandbox.kms;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Request constraints of the KMS key operations (KMS API Reference, request syntax of
 * CreateKey, CreateAlias, TagResource, ScheduleKeyDeletion, Encrypt, ...) and the
 * documented limits the model does not encode (KMS Developer Guide, "Quotas").
 */
final class KeyFields {

    static final int KEY_ID_MIN = 1;

    static final int KEY_ID_MAX = 2048;

    static final int DESCRIPTION_MAX = 8192;

    static final int XKS_KEY_ID_MAX = 128;

    static final String XKS_KEY_ID_PATTERN = "^[a-zA-Z0-9-_.]+$";

    static final int ALIAS_NAME_MAX = 256;

    static final String ALIAS_NAME_PATTERN = "^[a-zA-Z0-9:/_-]+$";

    static final int TAG_KEY_MAX = 128;

    static final int TAG_VALUE_MAX = 256;

    /** User tags per key (KMS Developer Guide, "Tags in AWS KMS"). */
    static final int TAGS_PER_KEY = 50;

    /** Aliases per key (KMS Developer Guide, "Resource quotas"). */
    static final int ALIASES_PER_KEY = 50;

    /** PendingWindowInDays: the documented range (the model allows 1-365). */
    static final int PENDING_WINDOW_MIN = 7;

    static final int PENDING_WINDOW_MAX = 30;

    static final int PENDING_WINDOW_DEFAULT = 30;

    static final int PLAINTEXT_MAX = 4096;

    static final int CIPHERTEXT_MAX = 6144;

    static final int NUMBER_OF_BYTES_MAX = 1024;

    static final List<String> KEY_SPECS = List.of("RSA_2048", "RSA_3072", "RSA_4096", "ECC_NIST_P256", "ECC_NIST_P384",
            "ECC_NIST_P521", "ECC_SECG_P256K1", "SYMMETRIC_DEFAULT", "HMAC_224", "HMAC_256", "HMAC_384", "HMAC_512",
            "SM2", "ML_DSA_44", "ML_DSA_65", "ML_DSA_87", "ECC_NIST_EDWARDS25519");

    static final List<String> KEY_USAGES = List.of("SIGN_VERIFY", "ENCRYPT_DECRYPT", "GENERATE_VERIFY_MAC",
            "KEY_AGREEMENT");

    static final List<String> ORIGINS = List.of("AWS_KMS", "EXTERNAL", "AWS_CLOUDHSM", "EXTERNAL_KEY_STORE");

    static final List<String> ENCRYPTION_ALGORITHMS = List.of("SYMMETRIC_DEFAULT", "RSAES_OAEP_SHA_1",
            "RSAES_OAEP_SHA_256", "SM2PKE");

    static final List<String> DATA_KEY_SPECS = List.of("AES_256", "AES_128");

    private KeyFields() {
    }

    /**
     * Reads and checks a Tags list (CreateKey, TagResource): each tag needs TagKey
     * (1-128) and TagValue (0-256); the {@code aws:} prefix is reserved (TagException).
     * Later duplicates replace earlier ones.
     */
    static @Nullable Map<String, String> tags(KmsRequest request, String member, String wireMember) {
        List<KmsRequest> items = request.structures(wireMember);
        if (items == null) {
            return null;
        }
        var errors = new ValidationErrors();
        Map<String, String> tags = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i++) {
            String tagKey = items.get(i).string("TagKey");
            String tagValue = items.get(i).string("TagValue");
            String at = member + "." + (i + 1) + ".member.";
            errors.required(at + "tagKey", tagKey)
                .required(at + "tagValue", tagValue)
                .text(at + "tagKey", tagKey, 1, TAG_KEY_MAX, null)
                .text(at + "tagValue", tagValue, 0, TAG_VALUE_MAX, null);
            if (tagKey != null && tagValue != null) {
                tags.put(tagKey, tagValue);
            }
        }
        errors.throwIfAny();
        for (String tagKey : tags.keySet()) {
            requireUserTagKey(tagKey);
        }
        return tags;
    }

    /** Tag keys beginning with {@code aws:} are reserved for AWS (AWS tagging rules). */
    static void requireUserTagKey(String tagKey) {
        if (tagKey.startsWith("aws:")) {
            throw KmsError.of("TagException", "Tag keys beginning with 'aws:' are reserved for AWS use.");
        }
    }

    static void requireTagCount(int count) {
        if (count > TAGS_PER_KEY) {
            throw KmsError.of("LimitExceededException",
                    "A KMS key can have at most " + TAGS_PER_KEY + " tags; this request would give it " + count + ".");
        }
    }

}
