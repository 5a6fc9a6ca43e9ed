package com.cksconsole.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.cksconsole.audit.AuditExportVerifier.FlatJson;
import com.cksconsole.audit.AuditExportVerifier.Options;
import com.cksconsole.audit.AuditExportVerifier.Result;

/**
 * The offline export verifier (docs/audit.md, docs/security.md), in process: synthetic
 * exports written with the console's own canonical form, keyed links, checkpoints and
 * JSON Lines writer, then changed the way an attacker or an accident would change them.
 * AuditExportVerifierCommandTest runs the same program as the single source file the
 * documentation names.
 */
class AuditExportVerifierTest {

    static final CheckpointKey KEY = CheckpointKey.generate();

    static final CheckpointKey OTHER_KEY = CheckpointKey.generate();

    static final byte[] CHAIN_KEY_BYTES = Base64.getDecoder().decode(AuditFixture.CHAIN_KEY_BASE64);

    static final ChainKey OTHER_CHAIN_KEY = ChainKey.ofBase64(Base64.getEncoder()
        .encodeToString("another-chain-key-0123456789abcdef".getBytes(StandardCharsets.US_ASCII)));

    static final String CREATED_AT = "2026-03-01T12:00:00.000Z";

    static final String GENESIS = CanonicalForm.GENESIS;

    static final Options PLAIN = new Options(false, null, null);

    static final Options COMPLETE = new Options(true, null, null);

    static final Options WITH_KEY = new Options(true, AuditExportVerifier.publicKey(KEY.publicKeyPem()), null);

    static final Options WITH_BOTH_KEYS = new Options(true, AuditExportVerifier.publicKey(KEY.publicKeyPem()),
            CHAIN_KEY_BYTES);

    static final Options CHAIN_KEY_ONLY = new Options(true, null, CHAIN_KEY_BYTES);

    @TempDir
    Path directory;

    /** What the last verification printed. */
    String printed = "";

    // ---- Intact exports ----

    /**
     * An intact complete export is OK: every count, the last event and hash, and one
     * report line that is the message.
     */
    @Test
    void anIntactCompleteExportIsOkWithItsCountsAndLastEvent() throws IOException {
        var rows = chain(3, 0);

        var result = verify(export(null, rows), COMPLETE);

        String message = "OK: 3 events, every hash re-computed, 2 links checked, 0 gaps (events not in this export); "
                + "last event 3 has hash " + rows.get(2).hash() + "; checkpoint: no checkpoint in this export";
        assertThat(result)
            .isEqualTo(new Result(true, 3, 2, 0, 3, rows.get(2).hash(), message, "no checkpoint in this export"));
        assertThat(printed).isEqualTo(message + System.lineSeparator());
    }

    /** An export of an empty log is intact and ends at the genesis hash. */
    @Test
    void anEmptyExportIsIntactAndEndsAtTheGenesisHash() throws IOException {
        var result = verify("", COMPLETE);

        assertThat(result.intact()).isTrue();
        assertThat(result.events()).isZero();
        assertThat(result.lastSeq()).isZero();
        assertThat(result.lastHash()).isEqualTo(GENESIS);
    }

    /** Blank lines are skipped, yet counted in the line numbers of the report. */
    @Test
    void blankLinesAreSkippedButCountInTheLineNumbers() throws IOException {
        var lines = lines(export(null, chain(3, 0)));
        String withBlanks = "\n" + lines.get(0) + "\n  \t\n" + lines.get(1) + "\n" + lines.get(2) + "\n\n";
        assertThat(verify(withBlanks, COMPLETE).intact()).isTrue();

        var broken = verify(withBlanks.replace("run 3", "run 9"), COMPLETE);
        assertThat(broken.message()).isEqualTo("line 5: event 3 was changed (its content does not match its hash)");
    }

    /**
     * A line with whitespace between its tokens and {@code \\uXXXX} escapes for its
     * characters has the same values as the compact line, so it verifies the same.
     */
    @Test
    void whitespaceAndUnicodeEscapesInALineDoNotChangeItsValues() throws IOException {
        var rows = chain(2, 0);
        var lines = lines(export(null, rows));
        String spaced = " " + lines.get(1)
            .replace("\":", "\" :\t")
            .replace(",\"", " , \"")
            .replace("ü", "\\u00fc")
            .replace("✓", "\\u2713")
            .replace("{", "{ ")
            .replace("}", " } ");
        assertThat(spaced).contains("\\u00fc", "\\u2713", " :\t", " , ");

        var result = verify(lines.get(0) + "\n" + spaced + "\n", COMPLETE);

        assertThat(result.intact()).as(result.message()).isTrue();
        assertThat(result.lastHash()).isEqualTo(rows.get(1).hash());
    }

    /** Windows line ends (CRLF) read like Unix ones. */
    @Test
    void crlfLineEndsAreAccepted() throws IOException {
        var result = verify(export(null, chain(2, 0)).replace("\n", "\r\n"), COMPLETE);

        assertThat(result.intact()).as(result.message()).isTrue();
        assertThat(result.events()).isEqualTo(2);
    }

    // ---- Changed, removed, duplicated or reordered events ----

    /**
     * An event whose content does not match its hash is reported, with what was checked
     * before it.
     */
    @Test
    void anEventWhoseContentDoesNotMatchItsHashIsBroken() throws IOException {
        var rows = chain(3, 0);

        var result = verify(export(null, rows).replace("run 3", "run 9"), PLAIN);

        String why = "line 3: event 3 was changed (its content does not match its hash)";
        assertThat(result).isEqualTo(new Result(false, 2, 1, 0, 2, rows.get(1).hash(), why, ""));
        assertThat(printed).isEqualTo("BROKEN: " + why + System.lineSeparator());
    }

    /** A complete export starts with event 1; a filtered one may start anywhere. */
    @Test
    void aCompleteExportMustStartWithEventOne() throws IOException {
        var lines = lines(export(null, chain(3, 0)));
        String fromTwo = join(lines.get(1), lines.get(2));

        assertThat(verify(fromTwo, COMPLETE).message())
            .isEqualTo("line 1: a complete export starts with event 1, not 2");
        var filtered = verify(fromTwo, PLAIN);
        assertThat(filtered.intact()).isTrue();
        assertThat(filtered.gaps()).as("the events before event 2").isEqualTo(1);
        assertThat(filtered.linksChecked()).isEqualTo(1);
    }

    /** A filtered export that starts with event 1 has no gap before it. */
    @Test
    void aFilteredExportStartingAtEventOneHasNoGapBeforeIt() throws IOException {
        var result = verify(export(null, chain(2, 0)), PLAIN);

        assertThat(result.gaps()).isZero();
        assertThat(result.linksChecked()).isEqualTo(1);
    }

    /**
     * Events left out of a filtered export are counted as gaps, one per run of missing
     * events; the events on either side of a gap are not linked.
     */
    @Test
    void eventsLeftOutOfAFilteredExportAreCountedAsGaps() throws IOException {
        var lines = lines(export(null, chain(7, 0)));

        var result = verify(join(lines.get(1), lines.get(2), lines.get(4), lines.get(5)), PLAIN);

        assertThat(result.intact()).isTrue();
        assertThat(result.gaps()).isEqualTo(2);
        assertThat(result.linksChecked()).isEqualTo(2);
        assertThat(result.lastSeq()).isEqualTo(6);
        assertThat(result.message()).contains(", 2 gaps (events not in this export);");
    }

    /** Events removed from the middle of a complete export make it broken. */
    @Test
    void eventsDeletedFromTheMiddleOfACompleteExportAreBroken() throws IOException {
        var lines = lines(export(null, chain(6, 0)));

        assertThat(verify(join(lines.get(0), lines.get(1), lines.get(3)), COMPLETE).message())
            .isEqualTo("line 3: events 3 to 3 are missing");
        var twoRemoved = verify(join(lines.get(0), lines.get(1), lines.get(4), lines.get(5)), COMPLETE);
        assertThat(twoRemoved.intact()).isFalse();
        assertThat(twoRemoved.message()).isEqualTo("line 3: events 3 to 4 are missing");
        assertThat(twoRemoved.gaps()).isZero();
    }

    /** Event 1 starts from the genesis hash, even when its own hash is right. */
    @Test
    void eventOneMustStartFromTheGenesisHash() throws IOException {
        var rehashed = hashed(event(1, "ab".repeat(32)));

        assertThat(verify(line(rehashed), PLAIN).message())
            .isEqualTo("line 1: event 1 does not start from the genesis hash");
    }

    /** Seqs start at 1: an event at 0 or below is no place in the chain. */
    @Test
    void anEventBeforeEventOneIsBroken() throws IOException {
        var zero = hashed(event(0, GENESIS));

        assertThat(verify(line(zero), PLAIN).message())
            .isEqualTo("line 1: event 0 is not a place in the chain, which starts at event 1");
        assertThat(verify(line(hashed(event(-1, GENESIS))), PLAIN).message()).startsWith("line 1: event -1 is not");
    }

    /**
     * The same event twice is broken, not a gap, in a filtered export as in a complete
     * one.
     */
    @Test
    void aDuplicatedEventIsBroken() throws IOException {
        var lines = lines(export(null, chain(3, 0)));
        String duplicated = join(lines.get(0), lines.get(1), lines.get(1), lines.get(2));

        for (var options : List.of(PLAIN, COMPLETE)) {
            var result = verify(duplicated, options);
            assertThat(result.intact()).isFalse();
            assertThat(result.message()).isEqualTo("line 3: event 2 comes after event 2");
            assertThat(result.gaps()).isZero();
        }
    }

    /** Events out of order are broken, not a gap. */
    @Test
    void eventsOutOfOrderAreBroken() throws IOException {
        var lines = lines(export(null, chain(4, 0)));

        var swapped = verify(join(lines.get(0), lines.get(2), lines.get(1), lines.get(3)), PLAIN);
        assertThat(swapped.message()).isEqualTo("line 3: event 2 comes after event 3");
        assertThat(verify(join(lines.get(3), lines.get(0)), PLAIN).message())
            .isEqualTo("line 2: event 1 comes after event 4");
    }

    /** Consecutive events must link: prev_hash is the hash of the event before. */
    @Test
    void anEventThatDoesNotLinkToTheOneBeforeIsBroken() throws IOException {
        var rows = chain(2, 0);
        var relinked = hashed(event(2, "cd".repeat(32)));

        var result = verify(join(line(rows.get(0)), line(relinked)), PLAIN);

        assertThat(result.message()).isEqualTo("line 2: event 2 does not link to event 1");
        assertThat(result.linksChecked()).isZero();
    }

    // ---- Lines that are not exported events ----

    /** A line that is not a JSON object is reported with its number and why. */
    @Test
    void aLineThatIsNotAJsonObjectIsBroken() throws IOException {
        var lines = lines(export(null, chain(1, 0)));

        var result = verify(join(lines.get(0), "seq,prev_hash,event_id"), PLAIN);

        assertThat(result.intact()).isFalse();
        assertThat(result.message()).isEqualTo("line 2: not a JSON object (expected { at 0)");
        assertThat(result.events()).isEqualTo(1);
    }

    /**
     * A truncated line, cut anywhere (an export interrupted while written), is reported
     * broken, never thrown.
     */
    @Test
    void aTruncatedLineIsBrokenWhereverItIsCut() throws IOException {
        var lines = lines(export(checkpoint(2, chain(2, 1), 1), chain(2, 1)));
        assertThat(lines.get(2)).contains("\\\"", "\\n");

        for (int lineIndex = 0; lineIndex < lines.size(); lineIndex++) {
            String whole = lines.get(lineIndex);
            for (int length = 1; length < whole.length(); length++) {
                var cut = new ArrayList<>(lines.subList(0, lineIndex));
                cut.add(whole.substring(0, length));
                var result = verify(String.join("\n", cut), PLAIN);
                assertThat(result.intact()).as(whole.substring(0, length)).isFalse();
                assertThat(result.message()).as(whole.substring(0, length))
                    .startsWith("line " + (lineIndex + 1) + ": not a JSON object (");
            }
        }
    }

    /**
     * A JSON object that lacks an event's fields, or whose seq is not a number, is
     * reported broken, not thrown.
     */
    @Test
    void aJsonObjectThatIsNotAnExportedEventIsBroken() throws IOException {
        var row = chain(1, 0).get(0);
        String line = line(row);

        assertThat(verify("{\"seq\":1}", PLAIN).message())
            .isEqualTo("line 1: not an exported event (field hash is missing)");
        assertThat(verify(line.replace("\"actor\":\"user-1\",", ""), PLAIN).message())
            .isEqualTo("line 1: not an exported event (field actor is missing)");
        assertThat(verify(line.replace("\"seq\":1,", "\"seq\":\"one\","), PLAIN).message())
            .isEqualTo("line 1: not an exported event (For input string: \"one\")");
        assertThat(verify(line.replace(",\"prev_hash\":\"" + GENESIS + "\"", ",\"prev_hash\":null"), PLAIN).message())
            .as("hashed without prev_hash it cannot match")
            .isEqualTo("line 1: event 1 was changed (its content does not match its hash)");
    }

    // ---- The signed checkpoint ----

    /**
     * With the public key, an export whose event at the checkpoint is the signed one
     * matches the checkpoint, and says the signature is valid.
     */
    @Test
    void anExportHoldingTheCheckpointsEventMatchesIt() throws IOException {
        var rows = chain(3, 1);
        String export = export(checkpoint(2, rows, 1), rows);

        var result = verify(export, WITH_KEY);

        String note = "matches the checkpoint signed at " + CREATED_AT + " up to event 2 (signature valid)";
        assertThat(result.intact()).as(result.message()).isTrue();
        assertThat(result.checkpoint()).isEqualTo(note);
        assertThat(result.message()).isEqualTo("OK: 3 events, every hash re-computed, 2 links checked, 0 gaps (events "
                + "not in this export); last event 3 has hash " + rows.get(2).hash() + "; checkpoint: " + note);
        assertThat(verify(export, COMPLETE).checkpoint()).isEqualTo("matches the checkpoint signed at " + CREATED_AT
                + " up to event 2 (signature NOT checked: pass --public-key)");
    }

    /** The checkpoint is the first line, and there is only one. */
    @Test
    void aCheckpointMustBeTheFirstLineAndTheOnlyOne() throws IOException {
        var rows = chain(2, 1);
        var lines = lines(export(checkpoint(2, rows, 1), rows));
        String why = ": a checkpoint must be the first line, and there is only one";

        assertThat(verify(join(lines.get(1), lines.get(0), lines.get(2)), PLAIN).message()).isEqualTo("line 2" + why);
        assertThat(verify(join(lines.get(0), lines.get(0), lines.get(1)), PLAIN).message()).isEqualTo("line 2" + why);
    }

    /** With the public key, an export without a checkpoint proves nothing: broken. */
    @Test
    void withThePublicKeyAnExportWithoutCheckpointIsBroken() throws IOException {
        var result = verify(export(null, chain(2, 1)), WITH_KEY);

        assertThat(result.intact()).isFalse();
        assertThat(result.message()).isEqualTo("the export carries no signed checkpoint to check with the public key");
        assertThat(result.events()).isEqualTo(2);
    }

    /**
     * A complete export that ends before the event its checkpoint covers had events
     * removed at its end; one that ends exactly there is intact.
     */
    @Test
    void aCompleteExportEndingBeforeItsCheckpointIsBroken() throws IOException {
        var rows = chain(3, 1);
        var lines = lines(export(checkpoint(3, rows, 1), rows));

        var cut = verify(join(lines.get(0), lines.get(1), lines.get(2)), WITH_KEY);
        assertThat(cut.intact()).isFalse();
        assertThat(cut.message()).isEqualTo("the export ends at event 2, before the event the checkpoint signed at "
                + CREATED_AT + " covers (3): events were removed");
        assertThat(verify(String.join("\n", lines), WITH_KEY).intact()).isTrue();
    }

    /**
     * A filtered export without the checkpoint's event says so, and is not failed for it.
     */
    @Test
    void aFilteredExportWithoutTheCheckpointsEventSaysItWasNotCompared() throws IOException {
        var rows = chain(3, 1);
        var lines = lines(export(checkpoint(3, rows, 1), rows));
        String withoutEvent3 = join(lines.get(0), lines.get(1), lines.get(2));

        var result = verify(withoutEvent3, new Options(false, WITH_KEY.publicKey(), null));

        assertThat(result.intact()).as(result.message()).isTrue();
        assertThat(result.checkpoint())
            .isEqualTo("event 3 of the checkpoint is not in this export, not compared (signature valid)");
        assertThat(verify(withoutEvent3, PLAIN).checkpoint()).isEqualTo(
                "event 3 of the checkpoint is not in this export, not compared (signature NOT checked: pass --public-key)");
    }

    /**
     * The event at the checkpoint must be the signed one: another hash or another keyed
     * link there means events up to it were rewritten (checked without the chain key
     * too).
     */
    @Test
    void theEventAtTheCheckpointMustBeTheSignedOne() throws IOException {
        var rows = chain(3, 1);
        var otherHash = Checkpoint.sign(2, "ef".repeat(32), rows.get(1).link(), 1, CREATED_AT,
                AuditFixture.CHAIN_KEY.id(), KEY);
        var otherLink = Checkpoint.sign(2, rows.get(1).hash(), "12".repeat(32), 1, CREATED_AT,
                AuditFixture.CHAIN_KEY.id(), KEY);
        String why = "line 3: event 2 is not the event the checkpoint signed at " + CREATED_AT
                + " covers: events up to it were changed, removed or replaced";

        assertThat(verify(export(otherHash, rows), WITH_KEY).message()).isEqualTo(why);
        assertThat(verify(export(otherLink, rows), WITH_KEY).message()).isEqualTo(why);
        assertThat(verify(export(otherLink, rows), PLAIN).message()).isEqualTo(why);
    }

    /**
     * A checkpoint of an event before the keyed chain has no link, and matches the event
     * without one.
     */
    @Test
    void aCheckpointBeforeTheKeyedChainMatchesAnEventWithoutLink() throws IOException {
        var rows = chain(3, 3);
        var checkpoint = checkpoint(2, rows, 3);
        assertThat(checkpoint.link()).isNull();

        var result = verify(export(checkpoint, rows), WITH_BOTH_KEYS);

        assertThat(result.intact()).as(result.message()).isTrue();
        assertThat(result.checkpoint()).startsWith("matches the checkpoint");
    }

    /**
     * A checkpoint line without its seq, hash, keyed_from or creation time, or with a seq
     * that is not a number, is broken, not thrown (with or without the public key).
     */
    @Test
    void aCheckpointThatCannotBeReadIsBroken() throws IOException {
        var rows = chain(2, 1);
        var lines = lines(export(checkpoint(2, rows, 1), rows));
        String events = "\n" + lines.get(1) + "\n" + lines.get(2);

        assertThat(verify(lines.get(0).replace("\"seq\":2,", "") + events, PLAIN).message())
            .isEqualTo("line 1: not a readable checkpoint (field seq is missing)");
        assertThat(verify(lines.get(0).replace("\"seq\":2,", "\"seq\":\"2x\",") + events, WITH_KEY).message())
            .isEqualTo("line 1: not a readable checkpoint (For input string: \"2x\")");
        assertThat(verify(lines.get(0).replace("\"keyed_from\":1,", "\"keyed_from\":null,") + events, PLAIN).message())
            .isEqualTo("line 1: not a readable checkpoint (field keyed_from is missing)");
        assertThat(verify(lines.get(0).replace("\"hash\":", "\"hush\":") + events, PLAIN).message())
            .isEqualTo("line 1: not a readable checkpoint (field hash is missing)");
        assertThat(verify(lines.get(0).replace("\"created_at\":", "\"created\":") + events, PLAIN).message())
            .isEqualTo("line 1: not a readable checkpoint (field created_at is missing)");
    }

    // ---- The checkpoint's signature ----

    /** A checkpoint signed by another key names that key, and is broken. */
    @Test
    void aCheckpointSignedByAnotherKeyIsBroken() throws IOException {
        var rows = chain(2, 1);
        var theirs = Checkpoint.sign(2, rows.get(1).hash(), rows.get(1).link(), 1, CREATED_AT,
                AuditFixture.CHAIN_KEY.id(), OTHER_KEY);

        var result = verify(export(theirs, rows), WITH_KEY);

        assertThat(result.message()).isEqualTo("line 1: the checkpoint names another signing key ("
                + OTHER_KEY.fingerprint() + ") than the one given (" + KEY.fingerprint() + ")");
        assertThat(verify(export(theirs, rows), new Options(true, publicKeyOf(OTHER_KEY), null)).intact())
            .as("checked with the key that signed it")
            .isTrue();
    }

    /**
     * A signature that does not verify (changed, too short, or over a changed field) is
     * reported as forged.
     */
    @Test
    void aSignatureThatDoesNotVerifyIsForged() throws IOException {
        var rows = chain(2, 1);
        var checkpoint = checkpoint(2, rows, 1);
        String export = export(checkpoint, rows);
        String signature = checkpoint.signature();
        String why = "line 1: the checkpoint's signature is not valid for the given public key: it was forged or "
                + "changed";
        char first = signature.charAt(0) == 'A' ? 'B' : 'A';

        assertThat(verify(export.replace(signature, first + signature.substring(1)), WITH_KEY).message())
            .isEqualTo(why);
        assertThat(verify(export.replace(signature, "AAAA"), WITH_KEY).message()).as("malformed").isEqualTo(why);
        assertThat(verify(export.replace(AuditFixture.CHAIN_KEY.id(), "deadbeef"), WITH_KEY).message())
            .as("a signed field changed")
            .isEqualTo(why);
    }

    /**
     * A signature that is not Base64, or a signed field that is missing, means the
     * signature cannot be checked: broken.
     */
    @Test
    void aSignatureThatCannotBeCheckedIsBroken() throws IOException {
        var rows = chain(2, 1);
        var checkpoint = checkpoint(2, rows, 1);
        String export = export(checkpoint, rows);
        String why = "line 1: the checkpoint's signature cannot be checked (";

        assertThat(verify(export.replace(checkpoint.signature(), "!!!!"), WITH_KEY).message())
            .startsWith(why + "Illegal base64 character");
        assertThat(verify(export.replace(",\"signature\":\"" + checkpoint.signature() + "\"", ""), WITH_KEY).message())
            .isEqualTo(why + "field signature is missing)");
        assertThat(verify(export.replace("\"chain_key_id\":", "\"key_id\":"), WITH_KEY).message())
            .isEqualTo(why + "checkpoint field chain_key_id is missing)");
    }

    /** Without a public key, the signature is not looked at. */
    @Test
    void withoutAPublicKeyTheSignatureIsNotChecked() {
        assertThat(AuditExportVerifier.checkSignature(Map.of(), null)).isNull();
    }

    /**
     * The verifier's signed form of a checkpoint is the console's, with a link or not.
     */
    @Test
    void theSignedFormIsTheConsoles() {
        var rows = chain(3, 3);
        for (var checkpoint : List.of(checkpoint(3, rows, 3), checkpoint(2, rows, 3))) {
            var fields = new FlatJson(checkpoint.toJson()).object();
            assertThat(new String(AuditExportVerifier.signedForm(fields), StandardCharsets.UTF_8))
                .isEqualTo(new String(checkpoint.signedBytes(), StandardCharsets.UTF_8));
        }
    }

    // ---- Keyed links ----

    /** With the chain key every keyed link is re-computed, and counted in the report. */
    @Test
    void withTheChainKeyEveryKeyedLinkIsChecked() throws IOException {
        var rows = chain(3, 1);
        String export = export(checkpoint(3, rows, 1), rows);

        var result = verify(export, WITH_BOTH_KEYS);

        assertThat(result.intact()).as(result.message()).isTrue();
        assertThat(result.message()).isEqualTo("OK: 3 events, every hash re-computed, 2 links checked, 0 gaps (events "
                + "not in this export), 3 keyed links checked; last event 3 has hash " + rows.get(2).hash()
                + "; checkpoint: " + result.checkpoint());
        assertThat(verify(export, WITH_KEY).message()).doesNotContain("keyed");
    }

    /** A keyed link made without the console's chain key is forged. */
    @Test
    void aWrongKeyedLinkIsBroken() throws IOException {
        var rows = new ArrayList<>(chain(3, 1));
        rows.set(1, rows.get(1).withLink(OTHER_CHAIN_KEY.link(2, rows.get(0).link(), rows.get(1).hash())));

        var result = verify(export(null, rows), CHAIN_KEY_ONLY);

        assertThat(result.message())
            .isEqualTo("line 2: event 2 has a wrong keyed link: it was not written by the console");
        assertThat(verify(export(null, rows), COMPLETE).intact()).as("not checked without the chain key").isTrue();
    }

    /**
     * The keyed chain starts at the checkpoint's keyed_from: events before it have no
     * link, an event from it on without a link was not written by the console.
     */
    @Test
    void fromTheCheckpointsKeyedFromOnEveryEventHasALink() throws IOException {
        var rows = chain(4, 3);
        var checkpoint = checkpoint(4, rows, 3);

        var intact = verify(export(checkpoint, rows), WITH_BOTH_KEYS);
        assertThat(intact.intact()).as(intact.message()).isTrue();
        assertThat(intact.message()).contains(", 2 keyed links checked;");

        var unlinked = new ArrayList<>(rows);
        unlinked.set(2, withoutLink(rows.get(2)));
        assertThat(verify(export(checkpoint, unlinked), WITH_BOTH_KEYS).message())
            .isEqualTo("line 4: event 3 has no keyed link: it was not written by the console");
    }

    /**
     * Events before the checkpoint's keyed_from carry no link: one that does means the
     * start of the keyed chain was moved (as the console's verification reports it).
     */
    @Test
    void anEventBeforeTheKeyedChainWithALinkIsBroken() throws IOException {
        var rows = chain(3, 1);

        var result = verify(export(checkpoint(3, rows, 2), rows), WITH_BOTH_KEYS);

        assertThat(result.message()).isEqualTo("line 2: event 1 carries a keyed link but lies before the start of the "
                + "keyed chain (event 2): the start of the keyed chain was moved");
    }

    /**
     * The first event of the keyed chain links from its prev_hash, also when the export
     * does not hold the event before it.
     */
    @Test
    void theFirstKeyedEventLinksFromItsPrevHash() throws IOException {
        var rows = chain(4, 3);
        var lines = lines(export(checkpoint(4, rows, 3), rows));

        var afterGap = verify(join(lines.get(0), lines.get(1), lines.get(3), lines.get(4)),
                new Options(false, WITH_KEY.publicKey(), CHAIN_KEY_BYTES));

        assertThat(afterGap.intact()).as(afterGap.message()).isTrue();
        assertThat(afterGap.message()).contains(", 1 gaps", ", 2 keyed links checked;");
        var withoutCheckpoint = verify(export(null, rows), CHAIN_KEY_ONLY);
        assertThat(withoutCheckpoint.intact()).as(withoutCheckpoint.message()).isTrue();
        assertThat(withoutCheckpoint.message()).contains(", 2 keyed links checked;");
    }

    /**
     * Without a checkpoint the keyed chain never goes back to an event without link once
     * it has started.
     */
    @Test
    void onceTheKeyedChainHasStartedAnEventWithoutLinkIsBroken() throws IOException {
        var rows = new ArrayList<>(chain(3, 1));
        rows.set(2, withoutLink(rows.get(2)));

        var result = verify(export(null, rows), CHAIN_KEY_ONLY);

        assertThat(result.message()).isEqualTo("line 3: event 3 has no keyed link: it was not written by the console");
        assertThat(result.events()).isEqualTo(2);
    }

    /**
     * After a gap the link before is not in the export: the keyed link cannot be
     * re-computed, and is not counted; from the next consecutive event on it is checked
     * again.
     */
    @Test
    void afterAGapTheKeyedLinkCannotBeChecked() throws IOException {
        var rows = chain(5, 1);
        var lines = lines(export(null, rows));
        var options = new Options(false, null, CHAIN_KEY_BYTES);

        var result = verify(join(lines.get(0), lines.get(1), lines.get(3), lines.get(4)), options);

        assertThat(result.intact()).as(result.message()).isTrue();
        assertThat(result.message()).contains(", 3 keyed links checked;");
        var withCheckpoint = lines(export(checkpoint(5, rows, 1), rows));
        var checkpointed = verify(join(withCheckpoint.get(0), withCheckpoint.get(1), withCheckpoint.get(2),
                withCheckpoint.get(4), withCheckpoint.get(5)),
                new Options(false, WITH_KEY.publicKey(), CHAIN_KEY_BYTES));
        assertThat(checkpointed.intact()).as(checkpointed.message()).isTrue();
        assertThat(checkpointed.message()).contains(", 3 keyed links checked;");
        var wrongAfter = new ArrayList<>(rows);
        wrongAfter.set(4, rows.get(4).withLink(OTHER_CHAIN_KEY.link(5, rows.get(3).link(), rows.get(4).hash())));
        var wrong = lines(export(null, wrongAfter));
        assertThat(verify(join(wrong.get(0), wrong.get(1), wrong.get(3), wrong.get(4)), options).message())
            .isEqualTo("line 4: event 5 has a wrong keyed link: it was not written by the console");
    }

    /** A filtered export that starts after event 1 cannot check its first keyed link. */
    @Test
    void aFilteredExportStartingLaterChecksTheLinksFromItsSecondEvent() throws IOException {
        var rows = chain(4, 1);
        var lines = lines(export(null, rows));

        var result = verify(join(lines.get(2), lines.get(3)), new Options(false, null, CHAIN_KEY_BYTES));

        assertThat(result.intact()).as(result.message()).isTrue();
        assertThat(result.message()).contains(", 1 keyed links checked;");
    }

    /**
     * An event without link after a gap, in an export without checkpoint, is not judged.
     */
    @Test
    void withoutCheckpointAnEventWithoutLinkAfterAGapIsNotJudged() throws IOException {
        var rows = new ArrayList<>(chain(3, 1));
        rows.set(2, withoutLink(rows.get(2)));
        var lines = lines(export(null, rows));

        var result = verify(join(lines.get(0), lines.get(2)), new Options(false, null, CHAIN_KEY_BYTES));

        assertThat(result.intact()).as(result.message()).isTrue();
        assertThat(result.message()).contains(", 1 keyed links checked;");
    }

    /** The verifier's keyed link is the console's (see ChainKey). */
    @Test
    void theKeyedLinkIsTheConsoles() {
        assertThat(AuditExportVerifier.keyedLink(CHAIN_KEY_BYTES, 7, "ab".repeat(32), "cd".repeat(32)))
            .isEqualTo(AuditFixture.CHAIN_KEY.link(7, "ab".repeat(32), "cd".repeat(32)));
    }

    // ---- Canonical form, keys ----

    /**
     * The verifier's canonical form of an exported line is the console's, nulls and
     * non-ASCII text included.
     */
    @Test
    void theCanonicalFormOfAnExportedLineIsTheConsoles() {
        for (var row : chain(3, 1)) {
            assertThat(AuditExportVerifier.canonical(new FlatJson(line(row)).object()))
                .isEqualTo(CanonicalForm.bytes(row));
            assertThat(AuditExportVerifier.sha256(CanonicalForm.bytes(row))).isEqualTo(row.hash());
        }
    }

    /** A canonical field missing from the line (not null: absent) is refused. */
    @Test
    void aCanonicalFieldMissingFromTheLineIsRefused() {
        var fields = new HashMap<>(new FlatJson(line(chain(1, 0).get(0))).object());
        fields.remove("duration_ms");

        assertThatIllegalArgumentException().isThrownBy(() -> AuditExportVerifier.canonical(fields))
            .withMessage("field duration_ms is missing");
    }

    /**
     * The public key is read from the PEM the verification page offers, or from its bare
     * Base64, and has the console's fingerprint.
     */
    @Test
    void thePublicKeyIsReadFromPemOrBareBase64() {
        var fromPem = AuditExportVerifier.publicKey(KEY.publicKeyPem());
        String bare = KEY.publicKeyPem().replaceAll("-----[A-Z ]+-----", "").replace("\n", "");

        assertThat(AuditExportVerifier.fingerprint(fromPem)).isEqualTo(KEY.fingerprint());
        assertThat(AuditExportVerifier.publicKey(bare).getEncoded()).isEqualTo(fromPem.getEncoded());
    }

    /** A text that is not an Ed25519 public key (not Base64, or another algorithm). */
    @Test
    void aTextThatIsNotAnEd25519PublicKeyIsRefused() throws Exception {
        String rsa = Base64.getEncoder()
            .encodeToString(KeyPairGenerator.getInstance("EC").generateKeyPair().getPublic().getEncoded());

        for (String text : List.of("not a key", rsa)) {
            assertThatIllegalArgumentException().isThrownBy(() -> AuditExportVerifier.publicKey(text))
                .withMessage("not an Ed25519 public key (PEM)");
        }
    }

    // ---- The JSON reader ----

    /**
     * Each value is kept as its text: strings unquoted, numbers as written, booleans as
     * words, null as null.
     */
    @Test
    void theJsonReaderKeepsEachValueAsItsText() {
        var object = new FlatJson("{\"s\":\"x y\",\"n\":-1.5e+3,\"i\":42,\"t\":true,\"f\":false,\"z\":null,\"e\":\"\"}")
            .object();

        var expected = new HashMap<String, @Nullable String>();
        expected.putAll(Map.of("s", "x y", "n", "-1.5e+3", "i", "42", "t", "true", "f", "false", "e", ""));
        expected.put("z", null);
        assertThat(object).isEqualTo(expected);
    }

    /** Whitespace (spaces, tabs) is allowed between all tokens, and around the object. */
    @Test
    void theJsonReaderSkipsWhitespaceBetweenTokens() {
        assertThat(new FlatJson(" \t{ \"a\" :\t\"x\" , \"b\" : null , \"c\" : 1 }  ").object()).containsEntry("a", "x")
            .containsEntry("b", null)
            .containsEntry("c", "1")
            .hasSize(3);
        assertThat(new FlatJson("{}").object()).isEmpty();
        assertThat(new FlatJson("  {  }  ").object()).isEmpty();
    }

    /** Every JSON escape, \\uXXXX in either case and surrogate pairs included. */
    @Test
    void theJsonReaderDecodesEveryEscape() {
        String json = "{\"s\":\"q\\\" b\\\\ s\\/ \\b\\f\\n\\r\\t \\u00e9\\u00C9 \\ud83d\\ude00 \\u0041\"}";

        assertThat(new FlatJson(json).object()).containsEntry("s", "q\" b\\ s/ \b\f\n\r\t éÉ \uD83D\uDE00 A");
    }

    /** A malformed object is refused with where and why. */
    @Test
    void theJsonReaderRefusesMalformedObjectsSayingWhere() {
        var refusals = Map.ofEntries(Map.entry("[]", "expected { at 0"), Map.entry("", "unexpected end"),
                Map.entry("{", "unexpected end"), Map.entry("{\"a\"", "unexpected end"),
                Map.entry("{\"a\":1", "unexpected end"), Map.entry("{\"a\":1 \"b\":2}", "expected , or } at 7"),
                Map.entry("{\"a\":1} x", "trailing content at 8"), Map.entry("{\"a\":1}}", "trailing content at 7"),
                Map.entry("{} x", "trailing content at 3"), Map.entry("{\"a\":[1]}", "unexpected value at 5"),
                Map.entry("{\"a\":}", "unexpected value at 5"), Map.entry("{a:1}", "expected \" at 1"),
                Map.entry("{\"a\":1,}", "expected \" at 7"), Map.entry("{\"a\" 1}", "expected : at 5"),
                Map.entry("{\"a\":\"\\x\"}", "bad escape \\x"), Map.entry("{\"a\":\"\\u12", "short \\u escape"),
                Map.entry("{\"a\":\"\\u0041", "unexpected end"),
                Map.entry("{\"a\":\"\\u12\"}", "For input string: \"12\"}\" under radix 16"));

        refusals.forEach((json, why) -> assertThatIllegalArgumentException().as(json)
            .isThrownBy(() -> new FlatJson(json).object())
            .withMessage(why));
    }

    // ---- The command ----

    /** The command exits 0 for an intact export, 1 for a broken one, and prints why. */
    @Test
    void theCommandExitsZeroWhenIntactAndOneWhenBroken() throws IOException {
        var rows = chain(3, 0);
        var intact = file("intact.jsonl", export(null, rows));
        var broken = file("broken.jsonl", export(null, rows).replace("run 2", "run 9"));
        var fromTwo = file("from-two.jsonl", String.join("\n", lines(export(null, rows)).subList(1, 3)));

        assertThat(command(intact)).isEqualTo(new Command(0, verify(export(null, rows), PLAIN).message(), ""));
        assertThat(command(broken))
            .isEqualTo(new Command(1, "BROKEN: line 2: event 2 was changed (its content does not match its hash)", ""));
        assertThat(command(fromTwo).exitCode()).isZero();
        assertThat(command("--complete", fromTwo).exitCode()).as("--complete").isEqualTo(1);
    }

    /**
     * The command reads the public key (PEM) and the chain key (Base64, a line end
     * allowed) from files.
     */
    @Test
    void theCommandReadsThePublicKeyAndTheChainKeyFromFiles() throws IOException {
        var rows = chain(3, 1);
        var export = file("export.jsonl", export(checkpoint(3, rows, 1), rows));
        var key = file("key.pem", KEY.publicKeyPem());
        var otherKey = file("other.pem", OTHER_KEY.publicKeyPem());
        var chainKey = file("chain.key", AuditFixture.CHAIN_KEY_BASE64 + "\n");
        var otherChainKey = file("other-chain.key", Base64.getEncoder().encodeToString(new byte[32]));

        var intact = command("--complete", "--public-key", key, "--chain-key-file", chainKey, export);
        assertThat(intact.exitCode()).as(intact.output()).isZero();
        assertThat(intact.output()).contains("3 keyed links checked", "(signature valid)");
        assertThat(command("--public-key", otherKey, export).output()).contains("names another signing key");
        assertThat(command("--chain-key-file", otherChainKey, export).output()).contains("wrong keyed link");
    }

    /** A wrong command line exits 2 with the usage and what was wrong. */
    @Test
    void aWrongCommandLineExitsTwoWithTheUsage() throws IOException {
        var export = file("export.jsonl", export(null, chain(1, 0)));
        var notAKey = file("not-a-key.pem", "hello");
        var notBase64 = file("chain.key", "!!");
        String usage = "usage: java AuditExportVerifier.java [--complete] [--public-key <key.pem>] "
                + "[--chain-key-file <file>] <export.jsonl>  (";

        assertThat(command()).isEqualTo(new Command(2, "", usage + "no export file)"));
        assertThat(command("--verbose", export)).isEqualTo(new Command(2, "", usage + "unexpected --verbose)"));
        assertThat(command(export, export)).isEqualTo(new Command(2, "", usage + "unexpected " + export + ")"));
        assertThat(command(export, "--public-key").exitCode()).isEqualTo(2);
        assertThat(command(export, "--chain-key-file").exitCode()).isEqualTo(2);
        assertThat(command("--public-key", notAKey, export))
            .isEqualTo(new Command(2, "", usage + "not an Ed25519 public key (PEM))"));
        assertThat(command("--chain-key-file", notBase64, export).error()).startsWith(usage + "Illegal base64");
    }

    /**
     * A file that cannot be read (the export or a key) exits 2, as documented, not 1 as
     * if the export were broken.
     */
    @Test
    void aFileThatCannotBeReadExitsTwo() throws IOException {
        var export = file("export.jsonl", export(null, chain(1, 0)));
        String missing = directory.resolve("missing.jsonl").toString();
        var notUtf8 = directory.resolve("latin1.jsonl");
        Files.write(notUtf8, new byte[] { '{', '"', (byte) 0xE9, '"', '}' });

        assertThat(command(missing)).isEqualTo(new Command(2, "", "cannot read " + missing + ": no such file"));
        assertThat(command("--public-key", missing, export))
            .isEqualTo(new Command(2, "", "cannot read " + missing + ": no such file"));
        assertThat(command("--chain-key-file", missing, export))
            .isEqualTo(new Command(2, "", "cannot read " + missing + ": no such file"));
        assertThat(command(notUtf8.toString()).error()).isEqualTo("cannot read " + notUtf8 + ": not UTF-8 text");
    }

    /**
     * Why a file could not be read is said in words, not as an exception's class name.
     */
    @Test
    void whyAFileCannotBeReadIsSaidInWords() {
        assertThat(AuditExportVerifier.whyUnreadable(new java.nio.file.NoSuchFileException("a")))
            .isEqualTo("no such file");
        assertThat(AuditExportVerifier.whyUnreadable(new java.nio.file.AccessDeniedException("a")))
            .isEqualTo("permission denied");
        assertThat(AuditExportVerifier.whyUnreadable(new java.nio.charset.MalformedInputException(1)))
            .isEqualTo("not UTF-8 text");
        assertThat(AuditExportVerifier.whyUnreadable(new IOException("Is a directory"))).isEqualTo("Is a directory");
    }

    // ---- Synthetic exports ----

    /**
     * A chain of {@code length} events as the console writes it, keyed (with a link) from
     * event {@code keyedFrom} on (0: no keyed links).
     */
    static List<AuditEventRow> chain(int length, long keyedFrom) {
        var rows = new ArrayList<AuditEventRow>();
        String previousHash = GENESIS;
        String previousLink = null;
        for (long seq = 1; seq <= length; seq++) {
            var row = hashed(event(seq, previousHash));
            if (keyedFrom > 0 && seq >= keyedFrom) {
                row = row.withLink(AuditFixture.CHAIN_KEY.link(seq,
                        ChainKey.previousLink(seq, keyedFrom, previousLink, row.prevHash()), row.hash()));
            }
            rows.add(row);
            previousHash = row.hash();
            previousLink = row.link();
        }
        return rows;
    }

    /**
     * An event with text that JSON must escape (quotes, a line break) and non-ASCII text,
     * not yet hashed.
     */
    static AuditEventRow event(long seq, String prevHash) {
        return new AuditEventRow(seq, prevHash, "00000000-0000-4000-8000-00000000000" + seq, EventKind.EVENT, seq, null,
                "2026-03-01T10:00:0" + seq + ".000Z", "user-" + seq, "OPERATOR", "203.0.113.7", null,
                "UPDATE_CUSTOM_KEY_STORE", "us-east-1", "111122223333", "cks-1234567890abcdef0", "Zürich \"✓\"", "[]",
                "run " + seq + "\nsecond line", "SUCCEEDED", null, null, "req-" + seq, seq % 2 == 0 ? null : 87L, "");
    }

    static AuditEventRow hashed(AuditEventRow row) {
        return row.withHash(CanonicalForm.hash(row));
    }

    static AuditEventRow withoutLink(AuditEventRow row) {
        return new AuditEventRow(row.seq(), row.prevHash(), row.eventId(), row.kind(), row.entrySeq(), row.refersTo(),
                row.occurredAt(), row.actor(), row.actorRoles(), row.sourceIp(), row.sessionHash(), row.action(),
                row.targetRegion(), row.targetAccount(), row.targetStoreId(), row.targetStoreName(), row.parameters(),
                row.reason(), row.outcome(), row.errorName(), row.errorMessage(), row.kmsRequestId(), row.durationMs(),
                row.hash());
    }

    /** The checkpoint the console signs of event {@code seq} of {@code rows}. */
    static Checkpoint checkpoint(long seq, List<AuditEventRow> rows, long keyedFrom) {
        var row = rows.get((int) seq - 1);
        return Checkpoint.sign(seq, row.hash(), row.link(), keyedFrom, CREATED_AT, AuditFixture.CHAIN_KEY.id(), KEY);
    }

    /** The JSON Lines export the console writes. */
    static String export(@Nullable Checkpoint checkpoint, List<AuditEventRow> rows) {
        var out = new StringWriter();
        var writer = ExportWriter.of(ExportFormat.JSONL, out);
        writer.start(checkpoint);
        rows.forEach(writer::write);
        writer.finish();
        return out.toString();
    }

    static String line(AuditEventRow row) {
        return export(null, List.of(row)).strip();
    }

    static List<String> lines(String export) {
        return export.lines().toList();
    }

    static String join(String... lines) {
        return String.join("\n", lines) + "\n";
    }

    static java.security.PublicKey publicKeyOf(CheckpointKey key) {
        return AuditExportVerifier.publicKey(key.publicKeyPem());
    }

    Result verify(String export, Options options) throws IOException {
        var report = new ByteArrayOutputStream();
        var result = AuditExportVerifier.verify(new StringReader(export), options,
                new PrintStream(report, true, StandardCharsets.UTF_8));
        printed = report.toString(StandardCharsets.UTF_8);
        return result;
    }

    Path file(String name, String content) throws IOException {
        return Files.writeString(directory.resolve(name), content);
    }

    record Command(int exitCode, String output, String error) {
    }

    Command command(Object... arguments) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int exitCode = AuditExportVerifier.run(
                java.util.Arrays.stream(arguments).map(Object::toString).toArray(String[]::new),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Command(exitCode, out.toString(StandardCharsets.UTF_8).strip(),
                err.toString(StandardCharsets.UTF_8).strip());
    }

}
