package com.cksconsole.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * HTTP/1.1 over a plain socket, byte for byte as written: for what {@code java.net.http}
 * refuses to send (a raw backslash or {@code %00} in the path, a forged Host header,
 * TRACE, a header too large) and for reading the servlet container's own answers. The
 * request should say {@code Connection: close}; the answer is read to the end of the
 * connection.
 */
public final class RawHttp {

    private RawHttp() {
    }

    /** Sends {@code request} (ISO-8859-1) and reads the whole answer. */
    public static Response exchange(int port, String request) {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(15_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return Response.parse(readAll(socket.getInputStream()));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        var bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                bytes.write(buffer, 0, n);
            }
        }
        catch (java.net.SocketException e) {
            // A reset after the answer (the server closed with unread request bytes):
            // keep what arrived.
            if (bytes.size() == 0) {
                throw e;
            }
        }
        return bytes.toByteArray();
    }

    /**
     * The status, the headers (names in lower case, every value kept) and the body as
     * text.
     */
    public record Response(int status, Map<String, List<String>> headers, String body) {

        static Response parse(byte[] raw) {
            String text = new String(raw, StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            if (end < 0) {
                throw new IllegalStateException("no complete HTTP answer: " + text);
            }
            String[] lines = text.substring(0, end).split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers
                    .computeIfAbsent(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                            name -> new ArrayList<>())
                    .add(lines[i].substring(colon + 1).strip());
            }
            return new Response(status, headers, text.substring(end + 4));
        }

        /** The one value of a header; fails when it was sent more than once. */
        public Optional<String> header(String name) {
            List<String> values = headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
            if (values.size() > 1) {
                throw new IllegalStateException(name + " was sent " + values.size() + " times: " + values);
            }
            return values.stream().findFirst();
        }
    }

}
