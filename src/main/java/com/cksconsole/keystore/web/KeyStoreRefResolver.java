package com.cksconsole.keystore.web;

import java.util.Map;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.HandlerMapping;

import com.cksconsole.keystore.KeyStoreNotFoundException;
import com.cksconsole.keystore.KmsTargets;
import com.cksconsole.keystore.TargetNotUsableException;
import com.cksconsole.kms.KeyStoreRef;
import com.cksconsole.targets.Target;

/**
 * Turns the {@code {target}} and {@code {id}} of a key store page's URL
 * ({@code /t/{target}/key-stores/{id}/...}) into the {@link KeyStoreRef} its handler
 * takes: an unknown or unusable target, or an ID that cannot name a custom key store, end
 * here as the 404 page, before anything is read or sent. The target is kept as the
 * request attribute {@value #TARGET}, which every key store page shows and builds its
 * links with.
 */
class KeyStoreRefResolver implements HandlerMethodArgumentResolver {

    /**
     * The request attribute (and template variable) holding the page's {@link Target}.
     */
    static final String TARGET = "storeTarget";

    /** The request attribute holding the page's {@link KeyStoreRef}. */
    static final String REF = KeyStoreRefResolver.class.getName() + ".ref";

    /**
     * The store of the page being handled, for the helpers its handler calls with the
     * described store only.
     * @throws IllegalStateException outside a {@code /t/{target}/key-stores/{id}} request
     * whose reference was resolved
     */
    static KeyStoreRef current() {
        if (RequestContextHolder.currentRequestAttributes()
            .getAttribute(REF, RequestAttributes.SCOPE_REQUEST) instanceof KeyStoreRef ref) {
            return ref;
        }
        throw new IllegalStateException("No key store reference was resolved for this request");
    }

    /**
     * The target of the page being handled, as resolved with its {@link #current()}
     * reference.
     * @throws IllegalStateException outside a {@code /t/{target}/key-stores/{id}} request
     * whose reference was resolved
     */
    static Target currentTarget() {
        if (RequestContextHolder.currentRequestAttributes()
            .getAttribute(TARGET, RequestAttributes.SCOPE_REQUEST) instanceof Target target) {
            return target;
        }
        throw new IllegalStateException("No target was resolved for this request");
    }

    private final Supplier<KmsTargets> targets;

    KeyStoreRefResolver(Supplier<KmsTargets> targets) {
        this.targets = targets;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == KeyStoreRef.class;
    }

    @Override
    public KeyStoreRef resolveArgument(MethodParameter parameter, @Nullable ModelAndViewContainer mavContainer,
            NativeWebRequest webRequest, @Nullable WebDataBinderFactory binderFactory) {
        HttpServletRequest request = webRequest.getNativeRequest(HttpServletRequest.class);
        if (request == null
                || !(request
                    .getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> variables)
                || !(variables.get("target") instanceof String name) || !(variables.get("id") instanceof String id)) {
            throw new IllegalStateException("A KeyStoreRef parameter needs a /t/{target}/key-stores/{id} mapping");
        }
        Target target = targets.get().find(name).orElseThrow(() -> new TargetNotUsableException(name));
        request.setAttribute(TARGET, target);
        if (!KeyStoreRef.plausibleId(id)) {
            throw new KeyStoreNotFoundException(id);
        }
        var ref = new KeyStoreRef(target.kmsTarget(), id);
        request.setAttribute(REF, ref);
        return ref;
    }

}
