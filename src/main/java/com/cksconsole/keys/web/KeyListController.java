package com.cksconsole.keys.web;

import java.util.List;
import java.util.stream.IntStream;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import com.cksconsole.keys.KeyInventory;
import com.cksconsole.keys.KmsKey;
import com.cksconsole.keystore.CustomKeyStore;
import com.cksconsole.kms.KeyStoreRef;

/**
 * The Keys tab of a store, for everyone who may view the target: every KMS key of the
 * store with its aliases, state, dates and backing key, filtered by state (a query
 * parameter, so it works without JavaScript) and paged 25 at a time; and one key's page,
 * from which an operator tests or changes it. A failed read is shown on the page.
 */
@Controller
class KeyListController {

    static final int PAGE_SIZE = 25;

    private final KeyInventory inventory;

    private final StoreKeyLookup lookup;

    KeyListController(KeyInventory inventory, StoreKeyLookup lookup) {
        this.inventory = inventory;
        this.lookup = lookup;
    }

    @GetMapping("/t/{target}/key-stores/{id}/keys")
    String list(KeyStoreRef ref, @RequestParam(name = "state", required = false) @Nullable String state,
            @RequestParam(name = "page", required = false) @Nullable String page, Model model) {
        CustomKeyStore store = lookup.store(ref);
        var keys = inventory.keysOf(ref);
        String filter = state != null && KmsKey.STATES.contains(state) ? state : null;
        List<KmsKey> shown = keys.keys()
            .stream()
            .filter(key -> filter == null || filter.equals(key.keyState()))
            .toList();
        int pages = Math.max(1, (shown.size() + PAGE_SIZE - 1) / PAGE_SIZE);
        int current = Math.min(Math.max(1, parse(page)), pages);
        model.addAttribute("store", store);
        model.addAttribute("keys",
                shown.subList((current - 1) * PAGE_SIZE, Math.min(shown.size(), current * PAGE_SIZE)));
        model.addAttribute("shownCount", shown.size());
        model.addAttribute("count", keys.count());
        model.addAttribute("failure", keys.failure() == null ? null : KeyFailureText.of(keys.failure()));
        model.addAttribute("states", KmsKey.STATES);
        model.addAttribute("state", filter);
        model.addAttribute("unknownState", state != null && !state.isEmpty() && filter == null);
        model.addAttribute("page", current);
        model.addAttribute("pages", pages);
        model.addAttribute("pageNumbers", IntStream.rangeClosed(1, pages).boxed().toList());
        return "keys/list";
    }

    @GetMapping("/t/{target}/key-stores/{id}/keys/{keyId}")
    String key(KeyStoreRef ref, @PathVariable String keyId, Model model) {
        model.addAttribute("store", lookup.store(ref));
        model.addAttribute("key", lookup.key(ref, keyId));
        return "keys/detail";
    }

    private static int parse(@Nullable String page) {
        try {
            return page == null ? 1 : Integer.parseInt(page);
        }
        catch (NumberFormatException e) {
            return 1;
        }
    }

}
