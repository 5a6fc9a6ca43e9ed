package com.cksconsole.health.tls;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Whether a certificate names a host, by the rules of RFC 6125 section 6.4 and RFC 2818
 * section 3.1: case-insensitive, a wildcard only as the whole left-most label and
 * matching exactly one label (so {@code *.example.com} matches {@code a.example.com}, not
 * {@code a.b.example.com} nor {@code example.com}), an IP address only against iPAddress
 * entries, and the subject's common name only when the certificate has no dNSName entry
 * (RFC 6125 section 6.4.4).
 */
final class HostNameMatcher {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private HostNameMatcher() {
    }

    static boolean matches(String host, List<String> dnsNames, List<String> ipAddresses, @Nullable String commonName) {
        String name = normalised(host);
        if (isIpLiteral(name)) {
            InetAddress address = literal(name);
            return address != null && ipAddresses.stream().map(HostNameMatcher::literal).anyMatch(address::equals);
        }
        if (!dnsNames.isEmpty()) {
            return dnsNames.stream().anyMatch(pattern -> dnsNameMatches(normalised(pattern), name));
        }
        return commonName != null && dnsNameMatches(normalised(commonName), name);
    }

    private static boolean dnsNameMatches(String pattern, String host) {
        if (!pattern.startsWith("*.")) {
            return !pattern.contains("*") && pattern.equals(host);
        }
        String suffix = pattern.substring(1);
        // The wildcard covers one whole label only, and never a public suffix alone
        // such as *.com (at least two labels after it).
        if (suffix.substring(1).contains("*") || suffix.chars().filter(c -> c == '.').count() < 2) {
            return false;
        }
        if (!host.endsWith(suffix)) {
            return false;
        }
        String label = host.substring(0, host.length() - suffix.length());
        return !label.isEmpty() && !label.contains(".");
    }

    private static String normalised(String name) {
        String lower = name.strip().toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }

    private static boolean isIpLiteral(String host) {
        return IPV4.matcher(host).matches() || host.contains(":") || host.startsWith("[");
    }

    /** The address of an IP literal, never a DNS query; null when it is not one. */
    private static @Nullable InetAddress literal(String text) {
        String bare = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        if (!IPV4.matcher(bare).matches() && !bare.contains(":")) {
            return null;
        }
        try {
            return InetAddress.getByName(bare);
        }
        catch (UnknownHostException e) {
            return null;
        }
    }

}
