package com.cksconsole.keystore.web;

import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import com.cksconsole.keystore.KeyStoreNotFoundException;
import com.cksconsole.keystore.KeyStoreReads;
import com.cksconsole.keystore.KmsTargets;
import com.cksconsole.keystore.TargetRead;
import com.cksconsole.kms.KeyStoreRef;
import com.cksconsole.targets.Target;

/**
 * The key store pages' addresses before they named their target
 * ({@code /key-stores/{id}/...}), kept working for bookmarks and for links that know only
 * a store ID: with one usable target, a redirect to the same page under
 * {@code /t/{target}/}; with several, a redirect to the one target whose snapshot holds
 * the ID, or a 404 page listing the targets that hold it (none, or several: the same ID
 * in two accounts or Regions is two stores). A link that names the account and Region
 * ({@code ?account=…&region=…}, as the audit log's do) goes straight to their target.
 */
@Controller
class OldKeyStoreUrlController {

    static final String CHOOSE_VIEW = "keystores/which-target";

    private final KmsTargets targets;

    private final KeyStoreReads reads;

    OldKeyStoreUrlController(KmsTargets targets, KeyStoreReads reads) {
        this.targets = targets;
        this.reads = reads;
    }

    /**
     * @param account with {@code region}: the account and Region the link's writer knew
     * (the audit log's links), which pick the target without a Describe
     */
    @GetMapping({ "/key-stores/{id}", "/key-stores/{id}/**" })
    String redirect(@PathVariable String id, @RequestParam(required = false) @Nullable String account,
            @RequestParam(required = false) @Nullable String region, HttpServletRequest request,
            HttpServletResponse response, Model model) {
        if (!KeyStoreRef.plausibleId(id)) {
            throw new KeyStoreNotFoundException(id);
        }
        List<Target> usable = targets.usable();
        var named = usable.stream()
            .filter(target -> target.accountId().equals(account) && target.region().equals(region))
            .findFirst();
        if (named.isPresent()) {
            return "redirect:/t/" + named.get().name() + path(request);
        }
        if (usable.size() == 1) {
            return redirectTo(usable.get(0), request);
        }
        var holders = new ArrayList<Target>();
        var reads = this.reads.list(usable.stream().map(Target::kmsTarget).toList());
        for (int i = 0; i < usable.size(); i++) {
            TargetRead read = reads.get(i);
            if (read.read() != null && read.read().snapshot().find(new KeyStoreRef(read.target(), id)).isPresent()) {
                holders.add(usable.get(i));
            }
        }
        if (holders.size() == 1) {
            return redirectTo(holders.get(0), request);
        }
        response.setStatus(HttpStatus.NOT_FOUND.value());
        model.addAttribute("keyStoreId", id);
        model.addAttribute("holders", holders);
        return CHOOSE_VIEW;
    }

    private static String redirectTo(Target target, HttpServletRequest request) {
        String query = request.getQueryString();
        // The path was matched by /key-stores/{id}/**, with a plausible ID: only the
        // target's name is added.
        return "redirect:/t/" + target.name() + path(request) + (query == null ? "" : "?" + query);
    }

    private static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }

}
