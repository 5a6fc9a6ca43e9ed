package com.cksconsole.keystore.web;

import java.util.Arrays;
import java.util.Optional;

import org.apache.tomcat.util.http.fileupload.impl.FileCountLimitExceededException;
import org.apache.tomcat.util.http.fileupload.impl.FileSizeLimitExceededException;
import org.apache.tomcat.util.http.fileupload.impl.SizeException;
import org.jspecify.annotations.Nullable;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;

/**
 * Why the servlet container stopped reading a multipart form on an edit page, as
 * {@link UploadTooLargeFilter} tells the edit page in its redirect ({@code ?upload=...}),
 * so that the page names the actual reason.
 *
 * <p>
 * Why Tomcat's exception types: Spring reports every multipart limit of the container as
 * one {@code MaxUploadSizeExceededException} (it guesses from the message text), and only
 * the container's own exception, its cause, says which limit it was.
 */
enum UploadRefusal {

    /**
     * The body or the file is over {@code spring.servlet.multipart.max-file-size} or
     * {@code max-request-size}.
     */
    TOO_LARGE("too-large"),
    /**
     * A part's headers are over {@code server.tomcat.max-part-header-size}: most likely a
     * very long file name.
     */
    PART_HEADERS_TOO_LONG("name-too-long"),
    /**
     * More parts than {@code server.tomcat.max-part-count} (or
     * {@code max-parameter-count}) allow.
     */
    TOO_MANY_PARTS("too-many-parts");

    private final String parameter;

    UploadRefusal(String parameter) {
        this.parameter = parameter;
    }

    /** The value of the edit page's {@code upload} parameter. */
    String parameter() {
        return parameter;
    }

    static Optional<UploadRefusal> ofParameter(@Nullable String value) {
        return Arrays.stream(values()).filter(refusal -> refusal.parameter.equals(value)).findFirst();
    }

    /**
     * The container limit a multipart parse failure hit, if it was one (not, say, a
     * malformed body).
     * @param partHeaderLimit {@code server.tomcat.max-part-header-size} in bytes: a
     * part's headers over it are refused with the same exception type as a body over the
     * request size, told apart by the limit
     */
    static Optional<UploadRefusal> of(MultipartException failure, long partHeaderLimit) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof FileCountLimitExceededException) {
                return Optional.of(TOO_MANY_PARTS);
            }
            if (cause instanceof SizeException size) {
                return Optional
                    .of(!(cause instanceof FileSizeLimitExceededException) && size.getPermittedSize() == partHeaderLimit
                            ? PART_HEADERS_TOO_LONG : TOO_LARGE);
            }
        }
        return failure instanceof MaxUploadSizeExceededException ? Optional.of(TOO_LARGE) : Optional.empty();
    }

}
