package com.cksconsole.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;

import com.cksconsole.security.SsoProperties.LocalSignIn;
import com.cksconsole.security.accounts.GroupMapping;
import com.cksconsole.security.accounts.GroupMappingRepository;
import com.cksconsole.security.accounts.GroupRoles;
import com.cksconsole.security.accounts.Role;
import com.cksconsole.security.accounts.TargetGrant;
import com.cksconsole.security.accounts.UserAccount;
import com.cksconsole.security.accounts.UserAccountRepository;
import com.cksconsole.targets.TargetName;
import com.cksconsole.web.DatabaseUnavailable;

/**
 * Rights take effect at once ({@link SessionRightsFilter}): every request of a signed-in
 * session is checked against the user as stored now, or for single sign-on against the
 * group mappings as stored now. A session that may go on is served untouched; one that
 * may not is ended (published for the audit, HTTP session invalidated, security context
 * cleared) and redirected to the sign-in page, which says why. A database failure during
 * the check is marked as one before any call to KMS and passed on.
 */
class SessionRightsFilterTest {

    private static final Map<String, SsoProperties.Provider> IDP = Map.of("idp", new SsoProperties.Provider(
            URI.create("https://idp.example.com"), "console", "s", null, List.of("openid"), "groups", "name"));

    private static final SsoProperties SSO = new SsoProperties(IDP, LocalSignIn.ALL);

    private final UserAccountRepository users = mock(UserAccountRepository.class);

    private final GroupMappingRepository groupMappings = mock(GroupMappingRepository.class);

    private final List<Object> published = new ArrayList<>();

    private final ApplicationEventPublisher events = published::add;

    private final MockHttpServletRequest request = new MockHttpServletRequest("GET", "/key-stores");

    private final MockHttpServletResponse response = new MockHttpServletResponse();

    private final MockFilterChain chain = new MockFilterChain();

    private final MockHttpSession httpSession = new MockHttpSession();

    private final List<GroupMapping> mappings = List.of(mapping("ops", null, Role.OPERATOR),
            mapping("prod", new TargetName("prod-eu"), Role.VIEWER));

    SessionRightsFilterTest() {
        this.request.setSession(this.httpSession);
    }

    @AfterEach
    void clearContext() {
        SecurityContextHolder.clearContext();
    }

    /** A stored session that is still what the database says is served as it is. */
    @Test
    void aSessionMatchingTheStoredUserIsServedUntouched() throws Exception {
        var otto = operator(7);
        var signedIn = signIn(otto);
        given(this.users.findByUsername("otto")).willReturn(Optional.of(otto));

        filter(SSO).doFilter(this.request, this.response, this.chain);

        assertServed(signedIn);
    }

    /**
     * A removed account ends its sessions: there is nobody left to serve the request for.
     */
    @Test
    void aRemovedAccountEndsItsSessions() throws Exception {
        signIn(operator(7));
        given(this.users.findByUsername("otto")).willReturn(Optional.empty());

        filter(SSO).doFilter(this.request, this.response, this.chain);

        assertEnded("otto", "account removed");
    }

    /** A disabled account ends its sessions, even when nothing else changed. */
    @Test
    void aDisabledAccountEndsItsSessions() throws Exception {
        signIn(operator(7));
        given(this.users.findByUsername("otto"))
            .willReturn(Optional.of(new UserAccount("otto", "{noop}x", Set.of(Role.OPERATOR), false, false, 7)));

        filter(SSO).doFilter(this.request, this.response, this.chain);

        assertEnded("otto", "account disabled");
    }

    /**
     * The local sign-in setting is applied at every request: under admin-only sign-in an
     * administrator's session goes on and an operator's ends.
     */
    @Test
    void aSessionEndsWhenLocalSignInNoLongerAllowsItsAccount() throws Exception {
        var adminOnly = new SsoProperties(IDP, LocalSignIn.ADMIN_ONLY);
        var ada = new UserAccount("ada", "{noop}x", Set.of(Role.ADMIN), true, false, 3);
        var signedIn = signIn(ada);
        given(this.users.findByUsername("ada")).willReturn(Optional.of(ada));

        filter(adminOnly).doFilter(this.request, this.response, this.chain);

        assertServed(signedIn);

        var otto = operator(7);
        signIn(otto);
        given(this.users.findByUsername("otto")).willReturn(Optional.of(otto));
        var next = new MockFilterChain();

        filter(adminOnly).doFilter(this.request, this.response, next);

        assertThat(next.getRequest()).isNull();
        assertThat(this.published).containsExactly(new SessionEndedEvent("otto", "local sign-in no longer allowed"));
    }

    /**
     * Any change of the global roles ends the session, a role taken away as well as one
     * given: no request runs with rights the user no longer has, and the next sign-in
     * starts from what the database says.
     */
    @Test
    void aRoleAddedOrTakenAwayEndsTheSession() throws Exception {
        signIn(operator(7));
        given(this.users.findByUsername("otto"))
            .willReturn(Optional.of(new UserAccount("otto", "{noop}x", Set.of(), true, false, 7)));

        filter(SSO).doFilter(this.request, this.response, this.chain);

        assertEnded("otto", "roles changed");

        signIn(operator(7));
        given(this.users.findByUsername("otto")).willReturn(
                Optional.of(new UserAccount("otto", "{noop}x", Set.of(Role.OPERATOR, Role.AUDITOR), true, false, 7)));
        this.published.clear();

        filter(SSO).doFilter(this.request, new MockHttpServletResponse(), new MockFilterChain());

        assertThat(this.published).containsExactly(new SessionEndedEvent("otto", "roles changed"));
    }

    /**
     * Only the global roles are compared with the stored roles: a session's per-target
     * grants are not roles (a change of grants moves the session version on instead).
     */
    @Test
    void targetGrantsAreNotMistakenForAChangeOfRoles() throws Exception {
        var otto = new UserAccount("otto", "{noop}x", Set.of(Role.VIEWER), true, false, 7);
        var signedIn = signIn(
                SignedInUser.of(otto, List.of(new TargetGrant(new TargetName("prod-eu"), Role.OPERATOR))));
        given(this.users.findByUsername("otto")).willReturn(Optional.of(otto));

        filter(SSO).doFilter(this.request, this.response, this.chain);

        assertServed(signedIn);
    }

    /**
     * A session version that moved on after an administrator reset the password (the user
     * must change it) ends the session and says so.
     */
    @Test
    void aPasswordResetByAnAdministratorEndsTheSessionAndSaysSo() throws Exception {
        signIn(operator(7));
        given(this.users.findByUsername("otto"))
            .willReturn(Optional.of(new UserAccount("otto", "{noop}x", Set.of(Role.OPERATOR), true, true, 8)));

        filter(SSO).doFilter(this.request, this.response, this.chain);

        assertEnded("otto", "password reset by an administrator");
    }

    /**
     * Any other move of the session version (the user's own password change in another
     * session, a change of grants), by one either way, ends the session as "password or
     * rights changed"; the same version lets it go on (see
     * {@link #aSessionMatchingTheStoredUserIsServedUntouched}).
     */
    @Test
    void anyOtherMoveOfTheSessionVersionEndsTheSession() throws Exception {
        signIn(operator(7));
        given(this.users.findByUsername("otto")).willReturn(Optional.of(operator(8)));

        filter(SSO).doFilter(this.request, this.response, this.chain);

        assertEnded("otto", "password or rights changed");

        signIn(operator(7));
        given(this.users.findByUsername("otto")).willReturn(Optional.of(operator(6)));
        this.published.clear();

        filter(SSO).doFilter(this.request, new MockHttpServletResponse(), new MockFilterChain());

        assertThat(this.published).containsExactly(new SessionEndedEvent("otto", "password or rights changed"));
    }

    /**
     * The reasons are checked in order, and the first that applies is the one given:
     * removed, disabled, local sign-in, roles, then the session version.
     */
    @Test
    void theFirstReasonThatAppliesIsTheOneGiven() {
        var session = SignedInUser.of(operator(7), List.of());
        var everythingChanged = new UserAccount("otto", "{noop}x", Set.of(Role.VIEWER), false, true, 9);
        var rolesAndVersion = new UserAccount("otto", "{noop}x", Set.of(Role.VIEWER), true, true, 9);

        assertThat(SessionRightsFilter.endReason(session, Optional.of(everythingChanged), LocalSignIn.NONE))
            .isEqualTo("account disabled");
        assertThat(SessionRightsFilter.endReason(session, Optional.of(rolesAndVersion), LocalSignIn.NONE))
            .isEqualTo("local sign-in no longer allowed");
        assertThat(SessionRightsFilter.endReason(session, Optional.of(rolesAndVersion), LocalSignIn.ALL))
            .isEqualTo("roles changed");
    }

    /**
     * A single-sign-on session is served while its groups give, with the mappings of its
     * provider as stored now, what they gave at sign-in.
     */
    @Test
    void aSingleSignOnSessionWithUnchangedMappingsIsServed() throws Exception {
        var signedIn = signIn(ssoToken(this.mappings));
        given(this.groupMappings.forProvider("idp")).willReturn(this.mappings);

        filter(SSO).doFilter(this.request, this.response, this.chain);

        assertServed(signedIn);
        verifyNoInteractions(this.users);
    }

    /**
     * A single-sign-on session ends, under its console name, when the mappings of its
     * provider as stored now give its groups other rights.
     */
    @Test
    void aSingleSignOnSessionEndsWhenItsGroupMappingsChange() throws Exception {
        signIn(ssoToken(this.mappings));
        given(this.groupMappings.forProvider("idp")).willReturn(List.of(this.mappings.get(0)));

        filter(SSO).doFilter(this.request, this.response, this.chain);

        assertEnded("idp:u-1", "group mappings changed");
    }

    /**
     * Without the group mappings (no repository in this application), a single-sign-on
     * session cannot be checked, so it ends; a console account's session is still checked
     * and served.
     */
    @Test
    void withoutGroupMappingsSingleSignOnSessionsEndAndLocalOnesGoOn() throws Exception {
        var otto = operator(7);
        var local = signIn(otto);
        given(this.users.findByUsername("otto")).willReturn(Optional.of(otto));
        var filter = new SessionRightsFilter(this.users, this.events, null, SSO);

        filter.doFilter(this.request, this.response, this.chain);

        assertServed(local);

        signIn(ssoToken(this.mappings));
        var next = new MockFilterChain();

        filter.doFilter(this.request, this.response, next);

        assertThat(next.getRequest()).isNull();
        assertThat(this.published).containsExactly(new SessionEndedEvent("idp:u-1", "group mappings unavailable"));
        assertThat(SecurityContextHolder.getContext().getAuthentication()).isNull();
    }

    /**
     * A request without a signed-in session (the sign-in page, static resources) is
     * served without looking anything up.
     */
    @Test
    void aRequestWithoutASessionIsServedWithoutAnyLookUp() throws Exception {
        filter(SSO).doFilter(this.request, this.response, this.chain);

        assertThat(this.chain.getRequest()).isSameAs(this.request);
        assertThat(this.published).isEmpty();
        verifyNoInteractions(this.users, this.groupMappings);
    }

    /**
     * An authentication that is neither a console account's nor a single-sign-on session
     * (an anonymous one) is not the filter's business: it is served without any look-up.
     */
    @Test
    void anotherKindOfAuthenticationIsServedWithoutAnyLookUp() throws Exception {
        var anonymous = signIn(new AnonymousAuthenticationToken("key", "anonymousUser",
                AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS")));

        filter(SSO).doFilter(this.request, this.response, this.chain);

        assertServed(anonymous);
        verifyNoInteractions(this.users, this.groupMappings);
    }

    /**
     * A database failure while checking a console account's session happens before
     * anything of the request ran: the request is marked so that the error page can say
     * nothing was sent to KMS, the failure is passed on, and the session is neither
     * served nor ended.
     */
    @Test
    void aDatabaseFailureDuringTheCheckIsMarkedAsBeforeAnyKmsCallAndPassedOn() throws Exception {
        var signedIn = signIn(operator(7));
        var failure = new DataAccessResourceFailureException("connection refused");
        given(this.users.findByUsername("otto")).willThrow(failure);

        assertThatThrownBy(() -> filter(SSO).doFilter(this.request, this.response, this.chain)).isSameAs(failure);

        assertThat(this.request.getAttribute(DatabaseUnavailable.BEFORE_ANY_KMS_CALL)).isEqualTo(Boolean.TRUE);
        assertThat(this.chain.getRequest()).isNull();
        assertThat(this.published).isEmpty();
        assertThat(this.httpSession.isInvalid()).isFalse();
        assertThat(SecurityContextHolder.getContext().getAuthentication()).isSameAs(signedIn);
    }

    /**
     * The same holds for a single-sign-on session whose group mappings cannot be read.
     */
    @Test
    void aDatabaseFailureReadingGroupMappingsIsMarkedAsBeforeAnyKmsCallAndPassedOn() {
        signIn(ssoToken(this.mappings));
        var failure = new DataAccessResourceFailureException("connection refused");
        given(this.groupMappings.forProvider("idp")).willThrow(failure);

        assertThatThrownBy(() -> filter(SSO).doFilter(this.request, this.response, this.chain)).isSameAs(failure);

        assertThat(this.request.getAttribute(DatabaseUnavailable.BEFORE_ANY_KMS_CALL)).isEqualTo(Boolean.TRUE);
        assertThat(this.chain.getRequest()).isNull();
    }

    /**
     * A failure of the request itself, after the check let it through, is not marked: by
     * then it may have reached KMS.
     */
    @Test
    void aFailureOfTheServedRequestIsNotMarkedAsBeforeAnyKmsCall() {
        var otto = operator(7);
        signIn(otto);
        given(this.users.findByUsername("otto")).willReturn(Optional.of(otto));
        var failure = new IllegalStateException("KMS said no");

        assertThatThrownBy(() -> filter(SSO).doFilter(this.request, this.response, (req, res) -> {
            throw failure;
        })).isSameAs(failure);

        assertThat(this.request.getAttribute(DatabaseUnavailable.BEFORE_ANY_KMS_CALL)).isNull();
    }

    /**
     * The end of a session is published first, while the ended session is still the
     * request's (so that the audit names it by its hash); only then is it invalidated and
     * the security context cleared.
     */
    @Test
    void theEndIsPublishedWhileTheEndedSessionIsStillTheRequests() throws Exception {
        var signedIn = signIn(operator(7));
        given(this.users.findByUsername("otto")).willReturn(Optional.empty());
        var seen = new ArrayList<>();
        ApplicationEventPublisher recording = event -> {
            seen.add(SecurityContextHolder.getContext().getAuthentication());
            seen.add(this.httpSession.isInvalid());
        };

        new SessionRightsFilter(this.users, recording, this.groupMappings, SSO).doFilter(this.request, this.response,
                this.chain);

        assertThat(seen).containsExactly(signedIn, false);
        assertThat(this.httpSession.isInvalid()).isTrue();
    }

    /**
     * The redirect to the sign-in page keeps the application's context path, and a
     * request without an HTTP session (a session-less client) does not get one.
     */
    @Test
    void theRedirectKeepsTheContextPathAndNoHttpSessionIsCreated() throws Exception {
        var request = new MockHttpServletRequest("POST", "/console/key-stores");
        request.setContextPath("/console");
        signIn(operator(7));
        given(this.users.findByUsername("otto")).willReturn(Optional.empty());

        filter(SSO).doFilter(request, this.response, this.chain);

        assertThat(this.response.getRedirectedUrl()).isEqualTo("/console/login?ended");
        assertThat(request.getSession(false)).isNull();
        assertThat(this.chain.getRequest()).isNull();
        assertThat(SecurityContextHolder.getContext().getAuthentication()).isNull();
    }

    /**
     * A change the user made themselves in this session (their own password) keeps this
     * session: it takes the new session version, with the same rights and details, in the
     * security context and in the HTTP session; at the next request it is served while a
     * session still on the old version ends.
     */
    @Test
    void keepingTheCurrentSessionRenewsItsVersionSoThatOnlyTheOtherSessionsEnd() throws Exception {
        var signedIn = signIn(operator(7));
        ((UsernamePasswordAuthenticationToken) signedIn).setDetails("from 192.0.2.1");

        SessionRightsFilter.keepCurrentSession(this.request, this.response, 8);

        var renewed = SecurityContextHolder.getContext().getAuthentication();
        assertThat(renewed).isNotNull();
        assertThat(((SignedInUser) renewed.getPrincipal()).sessionVersion()).isEqualTo(8);
        assertThat(renewed.getName()).isEqualTo("otto");
        assertThat(renewed.getAuthorities()).isEqualTo(signedIn.getAuthorities());
        assertThat(renewed.getDetails()).isEqualTo("from 192.0.2.1");
        assertThat(renewed.isAuthenticated()).isTrue();
        var saved = (SecurityContext) this.httpSession
            .getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
        assertThat(saved).isNotNull();
        assertThat(saved.getAuthentication()).isSameAs(renewed);

        given(this.users.findByUsername("otto")).willReturn(Optional.of(operator(8)));
        filter(SSO).doFilter(this.request, this.response, this.chain);
        assertServed(renewed);

        signIn(operator(7));
        var otherSession = new MockHttpServletRequest("GET", "/key-stores");
        filter(SSO).doFilter(otherSession, new MockHttpServletResponse(), new MockFilterChain());
        assertThat(this.published).containsExactly(new SessionEndedEvent("otto", "password or rights changed"));
    }

    /**
     * Keeping the current session does nothing without a signed-in console account: no
     * context is made up, no HTTP session created, a single-sign-on session is left as it
     * is.
     */
    @Test
    void keepingTheCurrentSessionLeavesOtherSessionsAlone() {
        var request = new MockHttpServletRequest("POST", "/account/password");

        SessionRightsFilter.keepCurrentSession(request, this.response, 8);

        assertThat(SecurityContextHolder.getContext().getAuthentication()).isNull();
        assertThat(request.getSession(false)).isNull();

        var sso = signIn(ssoToken(this.mappings));

        SessionRightsFilter.keepCurrentSession(request, this.response, 8);

        assertThat(SecurityContextHolder.getContext().getAuthentication()).isSameAs(sso);
        assertThat(request.getSession(false)).isNull();
    }

    private void assertServed(Authentication signedIn) {
        assertThat(this.chain.getRequest()).as("served").isSameAs(this.request);
        assertThat(this.response.getRedirectedUrl()).isNull();
        assertThat(this.published).isEmpty();
        assertThat(this.httpSession.isInvalid()).isFalse();
        assertThat(SecurityContextHolder.getContext().getAuthentication()).isSameAs(signedIn);
    }

    private void assertEnded(String username, String reason) {
        assertThat(this.published).containsExactly(new SessionEndedEvent(username, reason));
        assertThat(this.httpSession.isInvalid()).as("HTTP session invalidated").isTrue();
        assertThat(SecurityContextHolder.getContext().getAuthentication()).as("context cleared").isNull();
        assertThat(this.response.getRedirectedUrl()).isEqualTo("/login?ended");
        assertThat(this.chain.getRequest()).as("served").isNull();
    }

    private SessionRightsFilter filter(SsoProperties sso) {
        return new SessionRightsFilter(this.users, this.events, this.groupMappings, sso);
    }

    private static UserAccount operator(long sessionVersion) {
        return new UserAccount("otto", "{noop}x", Set.of(Role.OPERATOR), true, false, sessionVersion);
    }

    private static Authentication signIn(UserAccount account) {
        return signIn(SignedInUser.of(account, List.of()));
    }

    private static Authentication signIn(SignedInUser user) {
        return signIn(UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
    }

    private static Authentication signIn(Authentication authentication) {
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication);
        SecurityContextHolder.setContext(context);
        return authentication;
    }

    /**
     * A single-sign-on session of groups ops, prod and unmapped, signed in under these
     * mappings.
     */
    private static Authentication ssoToken(List<GroupMapping> signedInWith) {
        var groups = List.of("ops", "prod", "unmapped");
        var token = OidcIdToken.withTokenValue("t")
            .subject("u-1")
            .issuedAt(Instant.EPOCH)
            .expiresAt(Instant.EPOCH.plusSeconds(60))
            .build();
        var user = new SsoUser("idp", "Jane", groups, GroupRoles.of(signedInWith, "idp", groups), token);
        return new OAuth2AuthenticationToken(user, user.getAuthorities(), "idp");
    }

    private static GroupMapping mapping(String group, TargetName target, Role role) {
        return new GroupMapping(1, "idp", group, target, role, "admin", Instant.EPOCH);
    }

}
