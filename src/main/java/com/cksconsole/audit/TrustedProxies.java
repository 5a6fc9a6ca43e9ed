package com.cksconsole.audit;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The reverse proxies whose X-Forwarded-For header is believed
 * ({@code console.audit.trusted-proxies}: IPs and CIDR ranges). Without any, the source
 * IP is the TCP peer, whatever the headers say: a client could otherwise write any
 * address into the log.
 *
 * <p>
 * Only IP literals are parsed (never a host name, which would cost a DNS lookup per
 * request).
 */
final class TrustedProxies {

    static final String HEADER = "X-Forwarded-For";

    private static final Pattern IPV4 = Pattern
        .compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

    private static final Pattern IPV6 = Pattern.compile("(?=[^:]*:)[0-9A-Fa-f:][0-9A-Fa-f:.]*");

    private final List<Range> ranges;

    private TrustedProxies(List<Range> ranges) {
        this.ranges = ranges;
    }

    /**
     * Parses the configured entries; an entry that is not an IP or CIDR range is a
     * configuration error.
     */
    static TrustedProxies of(Collection<String> entries) {
        var ranges = new ArrayList<Range>();
        for (String entry : entries) {
            String trimmed = entry.strip();
            int slash = trimmed.indexOf('/');
            var address = parse(slash < 0 ? trimmed : trimmed.substring(0, slash));
            if (address == null) {
                throw new IllegalArgumentException(
                        "console.audit.trusted-proxies: '" + entry + "' is not an IP address or CIDR range");
            }
            int maxBits = address.getAddress().length * 8;
            int bits;
            try {
                bits = slash < 0 ? maxBits : Integer.parseInt(trimmed.substring(slash + 1));
            }
            catch (NumberFormatException e) {
                bits = -1;
            }
            if (bits < 0 || bits > maxBits) {
                throw new IllegalArgumentException(
                        "console.audit.trusted-proxies: '" + entry + "' has an invalid prefix length");
            }
            ranges.add(new Range(address.getAddress(), bits));
        }
        return new TrustedProxies(List.copyOf(ranges));
    }

    /**
     * The client address of a request that reached us from {@code peer}: the peer itself
     * unless it is a trusted proxy; then the X-Forwarded-For hops are walked from the
     * right (nearest) to the first address that is not a trusted proxy. An unparsable hop
     * ends the walk at the last trusted address.
     */
    String clientAddress(String peer, List<String> forwardedForHeaders) {
        var peerAddress = parse(peer);
        if (peerAddress == null) {
            return AuditText.clean(peer, 45);
        }
        String client = normalise(peerAddress);
        if (ranges.isEmpty() || !isTrusted(peerAddress)) {
            return client;
        }
        var hops = new ArrayList<String>();
        for (String header : forwardedForHeaders) {
            for (String hop : header.split(",")) {
                if (!hop.isBlank()) {
                    hops.add(hop.strip());
                }
            }
        }
        for (int i = hops.size() - 1; i >= 0; i--) {
            var hop = parse(stripPort(hops.get(i)));
            if (hop == null) {
                break;
            }
            client = normalise(hop);
            if (!isTrusted(hop)) {
                break;
            }
        }
        return client;
    }

    private boolean isTrusted(InetAddress address) {
        byte[] bytes = address.getAddress();
        return ranges.stream().anyMatch(range -> range.contains(bytes));
    }

    /**
     * An IP literal, or null when the text is anything else (never resolved through DNS).
     */
    static @Nullable InetAddress parse(String text) {
        String literal = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        if (!IPV4.matcher(literal).matches() && !IPV6.matcher(literal).matches()) {
            return null;
        }
        try {
            return InetAddress.getByName(literal);
        }
        catch (UnknownHostException | SecurityException e) {
            return null;
        }
    }

    private static String stripPort(String hop) {
        if (hop.startsWith("[")) {
            int end = hop.indexOf(']');
            return end > 0 ? hop.substring(0, end + 1) : hop;
        }
        int colon = hop.indexOf(':');
        return colon > 0 && colon == hop.lastIndexOf(':') ? hop.substring(0, colon) : hop;
    }

    /**
     * IPv4 as dotted quad; IPv6 in its short form (RFC 5952: the longest run of zero
     * groups as ::).
     */
    static String normalise(InetAddress address) {
        if (address instanceof Inet4Address) {
            return address.getHostAddress();
        }
        String[] groups = address.getHostAddress().toLowerCase(Locale.ROOT).split("%")[0].split(":");
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < groups.length; i++) {
            int j = i;
            while (j < groups.length && groups[j].equals("0")) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
        }
        if (bestStart < 0) {
            return String.join(":", groups);
        }
        String head = String.join(":", Arrays.copyOfRange(groups, 0, bestStart));
        String tail = String.join(":", Arrays.copyOfRange(groups, bestStart + bestLength, groups.length));
        return head + "::" + tail;
    }

    private record Range(byte[] network, int bits) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = bits / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (address[full] & mask) == (network[full] & mask);
        }
    }

}
