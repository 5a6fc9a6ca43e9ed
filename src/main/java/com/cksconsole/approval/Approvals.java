package com.cksconsole.approval;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

import com.cksconsole.approval.ApprovalRefusedException.Reason;
import com.cksconsole.audit.AuditIntent;
import com.cksconsole.audit.AuditParameter;
import com.cksconsole.audit.AuditResult;
import com.cksconsole.audit.AuditTarget;
import com.cksconsole.audit.AuditTrail;

/**
 * The approval rules, one definition each: which changes need approval, who may ask, who
 * may answer, when an approval counts, and break glass. Every request, decision,
 * execution, voiding and expiry is audited in the same transaction as the change it
 * records (fail closed: no audit entry, no change).
 */
public class Approvals {

    static final int MAX_REASON = 1000;

    static final int LIST_LIMIT = 200;

    private static final Set<ApprovalStatus> OPEN = EnumSet.of(ApprovalStatus.PENDING, ApprovalStatus.APPROVED,
            ApprovalStatus.EXECUTING);

    private final ApprovalPolicyRepository policies;

    private final ApprovalRequestRepository requests;

    private final BreakGlassGrantRepository breakGlass;

    private final AuditTrail audit;

    private final TransactionTemplate transaction;

    private final ApplicationEventPublisher events;

    private final Clock clock;

    Approvals(ApprovalPolicyRepository policies, ApprovalRequestRepository requests,
            BreakGlassGrantRepository breakGlass, AuditTrail audit, TransactionTemplate transaction,
            ApplicationEventPublisher events, Clock clock) {
        this.policies = policies;
        this.requests = requests;
        this.breakGlass = breakGlass;
        this.audit = audit;
        this.transaction = transaction;
        this.events = events;
        this.clock = clock;
    }

    /**
     * What a change of these operations on this store needs, or empty when it needs no
     * approval.
     */
    public Optional<ApprovalRequirement> requirement(String target, @Nullable String storeId,
            Set<ApprovalOperation> operations) {
        return ApprovalRequirement.strictest(policies.ofTarget(target)
            .stream()
            .filter(policy -> policy.covers(target, storeId, operations))
            .toList());
    }

    /**
     * The HMAC fingerprint of a secret, as the audit log writes it (never the secret).
     */
    public String fingerprint(String name, CharSequence secret) {
        return String.valueOf(audit.secretReplaced(name, secret).fingerprint());
    }

    /**
     * Records a request for approval of {@code change}, pinned by its hash.
     * @throws ApprovalRefusedException no policy covers the change, or no reason was
     * given
     */
    public ApprovalRequest request(ProposedChange change, String requester, @Nullable String reason) {
        var requirement = requirement(change.target(), change.storeId(), change.operations())
            .orElseThrow(() -> new ApprovalRefusedException(Reason.NO_POLICY,
                    "This change needs no approval: no policy covers it."));
        String why = requiredReason(reason, "Say why the change is needed: approvers read it.");
        Instant now = clock.instant();
        var request = new ApprovalRequest(UUID.randomUUID().toString(), change, change.hash(), requester, why,
                ApprovalStatus.PENDING, requirement, now, null, now.plus(requirement.validity()), List.of(), null, null,
                null);
        transaction.executeWithoutResult(status -> {
            requests.insert(request);
            audit.record(intent(ApprovalAuditAction.APPROVAL_REQUESTED, request).reason(why)
                .with(AuditParameter.value("changeHash", request.changeHash()))
                .with(AuditParameter.value("approvers", String.valueOf(requirement.approvers())))
                .with(AuditParameter.value("approverRole", requirement.approverRole().name()))
                .build(), AuditResult.succeeded());
        });
        return request;
    }

    /**
     * An approver's answer. The requester cannot answer their own request; an approver
     * must hold the required role on the request's target and answer once. Enough
     * approvals make the request APPROVED (its execution window starts); one rejection
     * makes it REJECTED.
     * @throws ApprovalRefusedException by the rules above, or when it is not PENDING
     */
    public ApprovalRequest decide(String id, Approver approver, boolean approve, @Nullable String comment) {
        var request = open(id);
        if (request.status() != ApprovalStatus.PENDING) {
            throw new ApprovalRefusedException(Reason.NOT_PENDING,
                    "This request is " + request.status().name().toLowerCase() + ": it awaits no decision.");
        }
        if (approver.name().equals(request.requester())) {
            throw new ApprovalRefusedException(Reason.SELF_APPROVAL,
                    "You asked for this change: someone else must approve it.");
        }
        if (!request.requirement().approverRole().heldBy(approver)) {
            throw new ApprovalRefusedException(Reason.WRONG_ROLE,
                    "Approving this request needs the " + request.requirement().approverRole().name()
                            + " role on target " + request.change().target() + ".");
        }
        String note = comment == null || comment.isBlank() ? null : shortened(comment.strip());
        if (!approve && note == null) {
            throw new ApprovalRefusedException(Reason.REASON_REQUIRED, "Say why you refuse: the requester reads it.");
        }
        Instant now = clock.instant();
        if (!now.isBefore(request.expiresAt())) {
            // The sweep may not have run yet: a late approval must not open a new window.
            expire(request, now);
            throw new ApprovalRefusedException(Reason.EXPIRED,
                    "This request's window ended at " + request.expiresAt() + ": it awaits no decision.");
        }
        transaction.executeWithoutResult(status -> {
            // Decisions on one request are taken one at a time (across instances), so
            // two approvals given at once both count and a decision never lands on a
            // request another instance closed meanwhile.
            if (requests.lockStatus(id).orElse(null) != ApprovalStatus.PENDING) {
                throw new ApprovalRefusedException(Reason.NOT_PENDING, "This request changed meanwhile: look again.");
            }
            if (!requests.addDecision(id, new ApprovalDecision(approver.name(), approve, note, now))) {
                throw new ApprovalRefusedException(Reason.ALREADY_DECIDED, "You have answered this request already.");
            }
            audit.record(intent(approve ? ApprovalAuditAction.APPROVAL_APPROVED : ApprovalAuditAction.APPROVAL_REJECTED,
                    request)
                .reason(note)
                .build(), AuditResult.succeeded());
            if (!approve) {
                closeOrFail(request, ApprovalStatus.PENDING, ApprovalStatus.REJECTED, approver.name(), now, note);
            }
            else if (requests.approvals(id) >= request.requirement().approvers()
                    && !requests.approve(id, now, now.plus(request.requirement().validity()))) {
                throw new ApprovalRefusedException(Reason.NOT_PENDING, "This request changed meanwhile: look again.");
            }
        });
        return find(id).orElseThrow();
    }

    /** The requester takes their request back (PENDING or APPROVED). */
    public ApprovalRequest withdraw(String id, String user) {
        var request = open(id);
        if (!request.requester().equals(user)) {
            throw new ApprovalRefusedException(Reason.NOT_REQUESTER, "Only the requester can withdraw a request.");
        }
        if (request.status() != ApprovalStatus.PENDING && request.status() != ApprovalStatus.APPROVED) {
            throw new ApprovalRefusedException(Reason.NOT_PENDING,
                    "This request is " + request.status().name().toLowerCase() + ": it cannot be withdrawn.");
        }
        Instant now = clock.instant();
        transaction.executeWithoutResult(status -> {
            closeOrFail(request, request.status(), ApprovalStatus.WITHDRAWN, user, now, null);
            audit.record(intent(ApprovalAuditAction.APPROVAL_WITHDRAWN, request).build(), AuditResult.succeeded());
        });
        return find(id).orElseThrow();
    }

    public Optional<ApprovalRequest> find(String id) {
        return plausibleId(id) ? requests.find(id) : Optional.empty();
    }

    /**
     * Open requests (pending, approved, executing) on the targets {@code visible}
     * accepts, newest first.
     */
    public List<ApprovalRequest> open(Predicate<String> visible) {
        return requests.withStatus(OPEN, LIST_LIMIT)
            .stream()
            .filter(request -> visible.test(request.change().target()))
            .toList();
    }

    /** The newest requests in any state on the targets {@code visible} accepts. */
    public List<ApprovalRequest> newest(Predicate<String> visible, int limit) {
        return requests.newest(LIST_LIMIT)
            .stream()
            .filter(request -> visible.test(request.change().target()))
            .limit(limit)
            .toList();
    }

    /**
     * How many pending requests await this person's answer (for the header's count).
     * @param onTarget the person with their rights on a target
     */
    public long awaiting(Function<String, Approver> onTarget) {
        // Read on every page: one query, the person's rights read once per target.
        var onEach = new HashMap<String, Approver>();
        return requests.pendingAnswers(LIST_LIMIT)
            .stream()
            .filter(pending -> pending.awaits(onEach.computeIfAbsent(pending.target(), onTarget)))
            .count();
    }

    /**
     * Leave to execute an approved request's change, {@code now} as the executor's page
     * rebuilt it (with the store as read just now and the secrets as re-entered), checked
     * without claiming it (the execution page checks early; {@link #clear} again).
     * @throws ApprovalRefusedException it is not APPROVED or its window has ended; the
     * executor may not execute it; the store or the change differs from what was approved
     * (the approval is then VOIDED); a re-entered secret differs (the approval stays)
     */
    public ApprovalRequest verify(String id, ProposedChange now, Approver executor) {
        var request = open(id);
        Instant at = clock.instant();
        if (request.status() == ApprovalStatus.APPROVED && !at.isBefore(request.expiresAt())) {
            expire(request, at);
            throw new ApprovalRefusedException(Reason.EXPIRED,
                    "The approval's window ended at " + request.expiresAt() + ": ask for approval again.");
        }
        if (request.status() != ApprovalStatus.APPROVED) {
            throw new ApprovalRefusedException(Reason.NOT_APPROVED,
                    "This request is " + request.status().name().toLowerCase() + ", not approved.");
        }
        if (!request.executableBy(executor)) {
            throw new ApprovalRefusedException(Reason.NOT_EXECUTOR,
                    "Only " + request.requester() + " (who asked) may execute this change.");
        }
        var approved = request.change();
        if (!approved.hashWithoutSecrets().equals(now.hashWithoutSecrets())) {
            String why = java.util.Objects.equals(approved.storeFingerprint(), now.storeFingerprint())
                    ? "The change differs from the one approved." : "The key store changed since the change was "
                            + "approved (someone or something else changed it).";
            void_(request, executor.name(), at, why);
            throw new ApprovalRefusedException(Reason.VOIDED, why + " The approval is void: ask for approval again.");
        }
        if (!request.changeHash().equals(now.hash())) {
            audit.record(intent(ApprovalAuditAction.APPROVAL_EXECUTED, request).build(),
                    AuditResult.denied("a re-entered secret does not match the approved one's fingerprint"));
            throw new ApprovalRefusedException(Reason.SECRET_MISMATCH, "A secret you entered is not the one that "
                    + "was approved (their fingerprints differ). Nothing was sent; the approval still stands.");
        }
        return request;
    }

    /**
     * {@link #verify}, then claims the request for this execution: report {@link #sent}
     * or {@link #notSent}.
     * @throws ApprovalRefusedException as {@link #verify}, or someone else is executing
     * it
     */
    public ExecutionClearance clear(String id, ProposedChange now, Approver executor) {
        var request = verify(id, now, executor);
        if (!requests.move(id, ApprovalStatus.APPROVED, ApprovalStatus.EXECUTING)) {
            throw new ApprovalRefusedException(Reason.NOT_APPROVED, "This request is being executed by someone else.");
        }
        return new ExecutionClearance(id, executor.name(),
                "Approved request " + id + " (approved by " + approvers(request) + ")");
    }

    /**
     * Leave to execute a change that needs approval without one. Needs a break-glass
     * grant (read now, so a revoked one counts at once) and a reason; audited as
     * {@link ApprovalAuditAction#BREAK_GLASS_USED}, flagged for review, and announced as
     * {@link BreakGlassUsed} (an alert).
     */
    public ExecutionClearance breakGlass(ProposedChange change, String actor, @Nullable String reason) {
        if (!breakGlass.holds(actor)) {
            throw new ApprovalRefusedException(Reason.NO_BREAK_GLASS,
                    "You hold no break-glass right: ask for approval instead.");
        }
        String why = requiredReason(reason, "Breaking the glass needs a reason: it is reviewed.");
        var intent = AuditIntent.of(ApprovalAuditAction.BREAK_GLASS_USED, target(change)).reason(why);
        parameters(intent, change);
        audit.record(intent.build(), AuditResult.succeeded());
        events.publishEvent(new BreakGlassUsed(actor, change.target(), change.storeId(), change.subject(),
                change.operations(), why, clock.instant()));
        return new ExecutionClearance(null, actor, "Break glass: " + why);
    }

    /** Whether this user may break the glass. */
    public boolean holdsBreakGlass(String user) {
        return breakGlass.holds(user);
    }

    /** The cleared change was sent (whatever KMS answered): the request is EXECUTED. */
    public void sent(ExecutionClearance clearance) {
        String id = clearance.requestId();
        if (id == null) {
            return;
        }
        var request = requests.find(id).orElseThrow();
        transaction.executeWithoutResult(status -> {
            closeOrFail(request, ApprovalStatus.EXECUTING, ApprovalStatus.EXECUTED, clearance.actor(), clock.instant(),
                    null);
            audit.record(intent(ApprovalAuditAction.APPROVAL_EXECUTED, request).build(), AuditResult.succeeded());
        });
    }

    /** Nothing of the cleared change was sent: the approval stands, for another try. */
    public void notSent(ExecutionClearance clearance) {
        String id = clearance.requestId();
        if (id == null) {
            return;
        }
        var request = requests.find(id).orElseThrow();
        transaction.executeWithoutResult(status -> {
            if (requests.move(id, ApprovalStatus.EXECUTING, ApprovalStatus.APPROVED)) {
                audit.record(intent(ApprovalAuditAction.APPROVAL_RELEASED, request).build(), AuditResult.succeeded());
            }
        });
    }

    /**
     * Marks every open request whose window has ended EXPIRED (any instance may run it).
     */
    public int expireDue() {
        Instant now = clock.instant();
        int expired = 0;
        for (String id : requests.pastTheirWindow(now)) {
            var request = requests.find(id);
            if (request.isPresent() && expire(request.get(), now)) {
                expired++;
            }
        }
        return expired;
    }

    private boolean expire(ApprovalRequest request, Instant now) {
        if (now.isBefore(request.expiresAt())) {
            // Read after the sweep listed it: approved meanwhile, with a new window.
            return false;
        }
        Boolean done = transaction.execute(status -> {
            if (!requests.close(request.id(), request.status(), ApprovalStatus.EXPIRED, "system", now,
                    "The window ended at " + request.expiresAt() + ".")) {
                return false;
            }
            audit.record(intent(ApprovalAuditAction.APPROVAL_EXPIRED, request).build(), AuditResult.succeeded());
            return true;
        });
        return Boolean.TRUE.equals(done);
    }

    private void void_(ApprovalRequest request, String by, Instant now, String why) {
        transaction.executeWithoutResult(status -> {
            if (requests.close(request.id(), ApprovalStatus.APPROVED, ApprovalStatus.VOIDED, by, now, why)) {
                audit.record(intent(ApprovalAuditAction.APPROVAL_VOIDED, request).reason(why).build(),
                        AuditResult.succeeded());
            }
        });
    }

    private void closeOrFail(ApprovalRequest request, ApprovalStatus from, ApprovalStatus to, String by, Instant now,
            @Nullable String note) {
        if (!requests.close(request.id(), from, to, by, now, note)) {
            throw new ApprovalRefusedException(Reason.NOT_PENDING, "This request changed meanwhile: look again.");
        }
    }

    private ApprovalRequest open(String id) {
        return find(id).orElseThrow(
                () -> new ApprovalRefusedException(Reason.NOT_FOUND, "There is no approval request " + id + "."));
    }

    private static String approvers(ApprovalRequest request) {
        var names = new ArrayList<String>();
        request.decisions().stream().filter(ApprovalDecision::approved).forEach(d -> names.add(d.approver()));
        return String.join(", ", names);
    }

    private static String requiredReason(@Nullable String reason, String message) {
        if (reason == null || reason.isBlank()) {
            throw new ApprovalRefusedException(Reason.REASON_REQUIRED, message);
        }
        String stripped = reason.strip();
        return shortened(stripped);
    }

    /** A reason or comment as its column (and the audit log's reason) holds it. */
    private static String shortened(String text) {
        return text.length() > MAX_REASON ? text.substring(0, MAX_REASON) : text;
    }

    private static boolean plausibleId(String id) {
        return id.length() == 36 && id.chars().allMatch(c -> c == '-' || Character.digit(c, 16) >= 0);
    }

    private AuditIntent.Builder intent(ApprovalAuditAction action, ApprovalRequest request) {
        var intent = AuditIntent.of(action, target(request.change()))
            .value("approvalRequest", request.id())
            .value("requester", request.requester());
        parameters(intent, request.change());
        return intent;
    }

    /**
     * The change as audit parameters: a secret's line only as its fingerprint (the audit
     * log refuses a plain parameter named like a secret, and the line holds no value).
     */
    private void parameters(AuditIntent.Builder intent, ProposedChange change) {
        intent.value("target", change.target());
        intent.value("operations",
                String.join(",", EnumSet.copyOf(change.operations()).stream().map(Enum::name).toList()));
        change.lines()
            .stream()
            .filter(line -> !AuditParameter.namesASecret(line.label()))
            .limit(40)
            .forEach(line -> intent.changed(parameterName(line.label()), line.before(), line.after()));
        change.secretFingerprints()
            .forEach((name, fingerprint) -> intent.with(audit.secretFingerprinted(name, fingerprint)));
    }

    /**
     * "Proxy URI endpoint" as the audit log names parameters:
     * {@code change.Proxy_URI_endpoint}.
     */
    static String parameterName(String label) {
        String name = "change." + label.replaceAll("[^A-Za-z0-9._-]+", "_");
        return name.length() > 128 ? name.substring(0, 128) : name;
    }

    private static AuditTarget target(ProposedChange change) {
        return new AuditTarget(null, null, change.storeId(), change.subject());
    }

}
