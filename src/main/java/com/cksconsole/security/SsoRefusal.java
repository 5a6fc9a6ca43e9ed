package com.cksconsole.security;

import java.io.Serial;
import java.io.Serializable;
import java.util.List;

/**
 * Why the last single-sign-on attempt of this browser was refused, kept in its session
 * for the one page that explains it ({@code /sso/refused}), then forgotten.
 *
 * @param provider the provider's label
 * @param error the OAuth 2.0 or console error code ({@code no_console_role},
 * {@code invalid_nonce}, {@code access_denied}, …)
 * @param displayName who the provider vouched for; empty when the answer did not check
 * out
 * @param groups their groups, for a refusal for want of a role
 */
record SsoRefusal(String provider, String error, String displayName, List<String> groups) implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    static final String SESSION_ATTRIBUTE = SsoRefusal.class.getName();

    SsoRefusal {
        groups = List.copyOf(groups);
    }

    public boolean noRole() {
        return SsoRefusedException.NO_CONSOLE_ROLE.equals(error);
    }

    /** The sentence the page shows for the error. */
    public String explanation() {
        return switch (error) {
            case SsoRefusedException.NO_CONSOLE_ROLE ->
                "None of your groups gives a role in this console, so you were not signed in.";
            case "access_denied" -> provider + " did not let you sign in to this console, or you cancelled.";
            case "authorization_request_not_found", "invalid_state_parameter" ->
                "The answer from " + provider + " does not belong to a sign-in this browser started (its state"
                        + " does not match), so it was not accepted. Start again from the sign-in page.";
            case "invalid_nonce" -> "The identity token from " + provider
                    + " was made for another sign-in (its nonce does not match), so it was not accepted.";
            case "invalid_id_token" -> "The identity token from " + provider
                    + " did not check out (signature, issuer, audience or lifetime), so it was not accepted.";
            case "unknown_provider", "client_registration_not_found" -> "This identity provider is not configured.";
            default -> "The sign-in with " + provider + " could not be completed (" + error + ").";
        };
    }

}
