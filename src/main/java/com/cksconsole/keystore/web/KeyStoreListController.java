package com.cksconsole.keystore.web;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import com.cksconsole.keystore.KeyStoreReads;
import com.cksconsole.keystore.KmsCallException;
import com.cksconsole.keystore.KmsTargets;
import com.cksconsole.keystore.TargetNotUsableException;
import com.cksconsole.keystore.TargetRead;
import com.cksconsole.kms.KeyStoreType;
import com.cksconsole.kms.KmsTarget;
import com.cksconsole.targets.Target;

/**
 * The key store list: across the targets the header's chooser picked ({@value #PATH}), or
 * of one target ({@code /t/{target}/key-stores}). The targets are described in parallel,
 * each from its own shared snapshot; each target shows its count against its quota, and a
 * target that cannot be read shows its own error while the others still show. A filter
 * value the form does not offer is refused with 400 before KMS is asked.
 */
@Controller
class KeyStoreListController {

    static final String VIEW = "keystores/list";
    static final String PATH = "/key-stores";

    private final KeyStoreReads service;

    private final KmsTargets targets;

    KeyStoreListController(KeyStoreReads service, KmsTargets targets) {
        this.service = service;
        this.targets = targets;
    }

    /**
     * Across targets: the filter's target when given (and then kept in the session as the
     * header's choice), otherwise the session's choice, otherwise every usable target.
     */
    @GetMapping(PATH)
    String list(@RequestParam Map<String, String> query, Model model, HttpSession session,
            HttpServletResponse response) {
        var filter = KeyStoreFilter.of(query);
        // Only the targets the user may see: their stores, their names in the filters.
        List<Target> usable = targets.visible();
        String choice = filter.target();
        var problems = filter.problems(usable);
        if (KeyStoreFilter.present(choice) && !problems.containsKey("target")) {
            session.setAttribute(KmsTargets.CHOICE, choice);
        }
        else if (session.getAttribute(KmsTargets.CHOICE) instanceof String remembered) {
            choice = remembered;
        }
        List<Target> scope = targets.chosen(choice, usable);
        String shownChoice = scope.size() == 1 && usable.size() > 1 ? scope.get(0).name().value()
                : KeyStoreFilter.ALL_TARGETS;
        // A refused target is shown back as given, next to its message.
        var shown = new KeyStoreFilter(problems.containsKey("target") ? filter.target() : shownChoice, filter.account(),
                filter.region(), filter.name(), filter.type(), filter.state());
        model.addAttribute("filter", shown);
        // The header's chooser was filled before this choice was kept: show the choice
        // this
        // page lists, so the header and the list never disagree.
        model.addAttribute("targetChooser", new TargetChooserAdvice.TargetChooser(usable, shownChoice));
        return render(scope, usable, shown, PATH, false, model, response);
    }

    @GetMapping("/t/{target}/key-stores")
    String listOfTarget(@PathVariable("target") String name, @RequestParam Map<String, String> query, Model model,
            HttpServletRequest request, HttpServletResponse response) {
        Target target = targets.find(name).orElseThrow(() -> new TargetNotUsableException(name));
        request.setAttribute(KeyStoreRefResolver.TARGET, target);
        // The URL names the target, and with it the account and Region: the page offers
        // no filter for them, and a value for them in the query changes nothing.
        var withinTarget = KeyStoreFilter.of(query).withinOneTarget();
        model.addAttribute("filter", withinTarget);
        return render(List.of(target), targets.visible(), withinTarget, "/t/" + target.name() + PATH, true, model,
                response);
    }

    private String render(List<Target> scope, List<Target> usable, KeyStoreFilter filter, String path,
            boolean oneTarget, Model model, HttpServletResponse response) {
        model.addAttribute("types", List.of(KeyStoreType.values()));
        model.addAttribute("states", KeyStoreFilter.STATES);
        model.addAttribute("usableTargets", usable);
        model.addAttribute("accounts", usable.stream().map(Target::accountId).distinct().sorted().toList());
        model.addAttribute("regions", usable.stream().map(Target::region).distinct().sorted().toList());
        model.addAttribute("listPath", path);
        model.addAttribute("oneTarget", oneTarget);
        model.addAttribute("scope", scope);
        var problems = filter.problems(usable);
        model.addAttribute("filterErrors", problems);
        if (!problems.isEmpty()) {
            // Refused before KMS is asked: the page says which value is wrong, next to
            // its field.
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return VIEW;
        }
        List<Target> inScope = scope.stream().filter(filter::keeps).toList();
        var sections = new ArrayList<TargetSection>();
        var listed = new ArrayList<ListedStore>();
        List<TargetRead> reads = read(inScope.stream().map(Target::kmsTarget).toList());
        for (int i = 0; i < inScope.size(); i++) {
            Target target = inScope.get(i);
            TargetRead read = reads.get(i);
            var snapshot = read.read();
            if (snapshot == null) {
                sections.add(new TargetSection(target, null, null,
                        KmsProblem.of(Objects.requireNonNull(read.failure(), "a failed read has its failure"))));
                continue;
            }
            sections
                .add(new TargetSection(target, snapshot, snapshot.stale() ? AgeText.of(snapshot.age()) : null, null));
            snapshot.snapshot().stores().forEach(store -> listed.add(new ListedStore(target, store)));
        }
        model.addAttribute("sections", sections);
        model.addAttribute("stores", filter.apply(listed));
        model.addAttribute("total", listed.size());
        model.addAttribute("failedTargets", sections.stream().filter(TargetSection::failed).count());
        if (sections.size() == 1) {
            // One target: its snapshot and failure as the page has always shown them.
            var only = sections.get(0);
            model.addAttribute("snapshot", only.read());
            model.addAttribute("staleAge", only.staleAge());
            model.addAttribute("problem", only.problem());
        }
        if (!sections.isEmpty() && sections.stream().allMatch(TargetSection::failed)) {
            response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
        }
        return VIEW;
    }

    /**
     * One target from its snapshot; several in parallel, so that the page takes about one
     * Describe.
     */
    private List<TargetRead> read(Collection<KmsTarget> scope) {
        if (scope.size() != 1) {
            return service.list(scope);
        }
        KmsTarget only = scope.iterator().next();
        try {
            return List.of(TargetRead.of(only, service.list(only)));
        }
        catch (KmsCallException e) {
            return List.of(TargetRead.failed(only, e.failure()));
        }
    }

}
