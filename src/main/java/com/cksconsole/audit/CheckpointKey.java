package com.cksconsole.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The Ed25519 key pair that signs checkpoints of the chain head. The private key comes
 * from {@code console.audit.checkpoint-signing-key} (Base64 or PEM of PKCS#8, as
 * {@code openssl genpkey -algorithm
 * ed25519} writes it); the public key is published on the verification page, so that
 * anyone can check a checkpoint (and an export carrying it) without any secret.
 */
final class CheckpointKey {

    static final String ALGORITHM = "Ed25519";

    private final PrivateKey privateKey;

    private final PublicKey publicKey;

    private final String fingerprint;

    private CheckpointKey(KeyPair pair) {
        this.privateKey = pair.getPrivate();
        this.publicKey = pair.getPublic();
        this.fingerprint = fingerprintOf(publicKey.getEncoded());
    }

    static CheckpointKey generate() {
        try {
            return new CheckpointKey(KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair());
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is part of every JRE since Java 15", e);
        }
    }

    /** The key pair of a PKCS#8 private key (Base64 of its DER, or PEM). */
    static CheckpointKey ofPkcs8(String text) {
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(text.replaceAll("-----[A-Z ]+-----", "").strip());
        }
        catch (IllegalArgumentException e) {
            throw invalid();
        }
        try {
            var key = (EdECPrivateKey) KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der));
            byte[] seed = key.getBytes().orElseThrow(CheckpointKey::invalid);
            // The JDK derives a public key only while generating a pair: generate it from
            // the private key's bytes.
            var generator = KeyPairGenerator.getInstance(ALGORITHM);
            generator.initialize(NamedParameterSpec.ED25519, new FixedBytes(seed));
            Arrays.fill(seed, (byte) 0);
            return new CheckpointKey(generator.generateKeyPair());
        }
        catch (GeneralSecurityException | ClassCastException e) {
            throw invalid();
        }
        finally {
            Arrays.fill(der, (byte) 0);
        }
    }

    private static IllegalStateException invalid() {
        return new IllegalStateException("console.audit.checkpoint-signing-key is not an Ed25519 private key in "
                + "PKCS#8 (e.g. 'openssl genpkey -algorithm ed25519 -outform DER | base64 -w0')");
    }

    /** The private key as Base64 of PKCS#8 DER, for the key file of a generated key. */
    String privateKeyBase64() {
        return Base64.getEncoder().encodeToString(privateKey.getEncoded());
    }

    byte[] sign(byte[] data) {
        try {
            var signature = Signature.getInstance(ALGORITHM);
            signature.initSign(privateKey);
            signature.update(data);
            return signature.sign();
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    boolean verify(byte[] data, byte[] signatureBytes) {
        try {
            var signature = Signature.getInstance(ALGORITHM);
            signature.initVerify(publicKey);
            signature.update(data);
            return signature.verify(signatureBytes);
        }
        catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** {@code sha256:<hex of SHA-256 of the public key's X.509 encoding>}. */
    String fingerprint() {
        return fingerprint;
    }

    /**
     * The public key as PEM (X.509 SubjectPublicKeyInfo), for download and for the
     * offline verifier.
     */
    String publicKeyPem() {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(publicKey.getEncoded()) + "\n-----END PUBLIC KEY-----\n";
    }

    static String fingerprintOf(byte[] encodedPublicKey) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(encodedPublicKey));
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    @Override
    public String toString() {
        return "CheckpointKey[" + fingerprint + "]";
    }

    /** Hands the generator the private key's own bytes instead of random ones. */
    private static final class FixedBytes extends SecureRandom {

        private final byte[] bytes;

        FixedBytes(byte[] bytes) {
            this.bytes = bytes.clone();
        }

        @Override
        public void nextBytes(byte[] out) {
            System.arraycopy(bytes, 0, out, 0, Math.min(bytes.length, out.length));
        }

    }

}
