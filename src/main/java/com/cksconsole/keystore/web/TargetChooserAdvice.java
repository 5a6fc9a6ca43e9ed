package com.cksconsole.keystore.web;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import com.cksconsole.keystore.KmsTargets;
import com.cksconsole.targets.Target;

/**
 * The header's target chooser, on every page of a signed-in user: "All targets" and each
 * usable target, with the choice kept in the HTTP session (a GET form to the key store
 * list, which remembers it; it works without JavaScript). The page shows no chooser when
 * the targets cannot be read (the console's database is down: the page still shows) or in
 * other features' slice tests, which have no key store module.
 */
@ControllerAdvice
class TargetChooserAdvice {

    private static final Logger log = LoggerFactory.getLogger(TargetChooserAdvice.class);

    /**
     * Looked up once: resolving an optional bean on every page cost more than the
     * chooser.
     */
    private final SingletonSupplier<KmsTargets> targets;

    TargetChooserAdvice(ObjectProvider<KmsTargets> targets) {
        this.targets = SingletonSupplier.of(targets::getIfAvailable);
    }

    @ModelAttribute("targetChooser")
    @Nullable TargetChooser targetChooser(HttpServletRequest request) {
        KmsTargets available = targets.get();
        if (available == null || request.getUserPrincipal() == null) {
            return null;
        }
        try {
            HttpSession session = request.getSession(false);
            Object choice = session == null ? null : session.getAttribute(KmsTargets.CHOICE);
            List<Target> usable = available.visible();
            String chosen = choice instanceof String name
                    && usable.stream().anyMatch(t -> t.name().value().equals(name)) ? name : KeyStoreFilter.ALL_TARGETS;
            return new TargetChooser(usable, chosen);
        }
        catch (RuntimeException unreadable) {
            log.debug("No target chooser: the targets could not be read ({})", unreadable.getClass().getSimpleName());
            return null;
        }
    }

    /**
     * What the chooser shows.
     *
     * @param chosen a target's name, or {@value KeyStoreFilter#ALL_TARGETS}
     */
    record TargetChooser(List<Target> targets, String chosen) {

        public boolean isChosen(Target target) {
            return target.name().value().equals(chosen);
        }

        /**
         * The chooser as a page of one target shows it: that target chosen, so the
         * chooser never says "All targets" under a header naming one target (choosing
         * "Show" then keeps it). Pages of no target show the session's choice.
         */
        public TargetChooser onPageOf(@Nullable Target page) {
            return page != null && targets.stream().anyMatch(t -> t.name().equals(page.name()))
                    ? new TargetChooser(targets, page.name().value()) : this;
        }

        /**
         * The chooser's options after "All targets", worked out here once: the layout
         * shows them on every page.
         */
        public List<Option> options() {
            return targets.stream()
                .map(t -> new Option(t.name().value(), t.label() + " (" + t.accountId() + ", " + t.region() + ")",
                        isChosen(t)))
                .toList();
        }

        /** The one target chosen, or null for "All targets". */
        public @Nullable Target chosenTarget() {
            return targets.stream().filter(this::isChosen).findFirst().orElse(null);
        }

    }

    /** An option of the chooser: a target's name, its label with account and Region. */
    record Option(String value, String text, boolean selected) {
    }

}
