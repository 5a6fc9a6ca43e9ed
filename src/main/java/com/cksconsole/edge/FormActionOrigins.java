package com.cksconsole.edge;

import java.util.List;

/**
 * Origins besides the console's own that a form's answer may lead to, added to the
 * Content-Security-Policy's {@code form-action} of every response: the identity
 * providers' (a sign-out form redirects to a provider's end-session endpoint, and
 * browsers apply {@code form-action} to that redirect). A bean of the feature that knows
 * them; none: {@code 'self'} only.
 */
@FunctionalInterface
public interface FormActionOrigins {

    /** Each as {@code scheme://host[:port]}. */
    List<String> origins();

}
