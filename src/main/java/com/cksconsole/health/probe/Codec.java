package com.cksconsole.health.probe;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import com.cksconsole.health.HealthFinding;
import com.cksconsole.health.HealthReason;
import com.cksconsole.health.ProbeSample.ExternalKeyManager;

/**
 * The text columns of the health tables: external key managers and findings, one per
 * line, fields separated by tabs (tabs and line breaks in values become spaces).
 */
final class Codec {

    private Codec() {
    }

    static String managers(List<ExternalKeyManager> managers) {
        var lines = new ArrayList<String>();
        for (ExternalKeyManager manager : managers) {
            lines.add(clean(manager.healthStatus()) + "\t" + clean(manager.id()) + "\t" + clean(manager.model()));
        }
        return String.join("\n", lines);
    }

    static List<ExternalKeyManager> managers(@Nullable String text) {
        var managers = new ArrayList<ExternalKeyManager>();
        if (text == null || text.isEmpty()) {
            return managers;
        }
        for (String line : text.split("\n")) {
            String[] fields = line.split("\t", 3);
            if (fields.length == 3) {
                managers.add(new ExternalKeyManager(fields[1], fields[2], fields[0]));
            }
        }
        return managers;
    }

    static String findings(List<HealthFinding> findings) {
        var lines = new ArrayList<String>();
        for (HealthFinding finding : findings) {
            lines.add(finding.reason().name() + "\t" + clean(finding.detail()));
        }
        return String.join("\n", lines);
    }

    static List<HealthFinding> findings(@Nullable String text) {
        var findings = new ArrayList<HealthFinding>();
        if (text == null || text.isEmpty()) {
            return findings;
        }
        for (String line : text.split("\n")) {
            String[] fields = line.split("\t", 2);
            try {
                findings.add(new HealthFinding(HealthReason.valueOf(fields[0]), fields.length > 1 ? fields[1] : ""));
            }
            catch (IllegalArgumentException e) {
                // A reason this version does not know (written by a newer one): skipped.
            }
        }
        return findings;
    }

    static int count(List<ExternalKeyManager> managers, String status) {
        return (int) managers.stream().filter(manager -> status.equals(manager.healthStatus())).count();
    }

    private static String clean(String value) {
        return value.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    }

}
