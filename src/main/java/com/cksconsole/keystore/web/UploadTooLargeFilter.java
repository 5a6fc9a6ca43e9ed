package com.cksconsole.keystore.web;

import java.io.IOException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.StandardMultipartHttpServletRequest;

import com.cksconsole.kms.KmsField;

/**
 * Turns a multipart form on the edit pages that the servlet container refuses to read
 * into the edit page with a message naming the reason ({@link UploadRefusal}: too large,
 * a part's headers too long, too many parts), instead of the container's error page.
 *
 * <p>
 * Why a filter, not an {@code @ExceptionHandler} for
 * {@code MaxUploadSizeExceededException}: with Tomcat the multipart body is parsed by the
 * first {@code getParameter} call, which is Spring Security's CSRF filter (it reads
 * {@code _csrf} from the body); a body over a limit fails right there, and the request
 * never reaches the dispatcher, so no controller advice sees it. This filter runs before
 * Spring Security and parses the body first. On such a failure nothing of the form could
 * be read (the container discards the whole body), so it redirects to the form, which
 * says what happened; a redirect to a page changes nothing, so it needs no CSRF token.
 * The container's limits are set well above what the edit form sends, so that the console
 * itself can refuse a file over {@code console.proxy-config.max-size}, a file name over
 * 255 characters or a form of too many parts with its own message, keeping the operator's
 * input (docs/security.md, "Limits and headers at the edge").
 */
class UploadTooLargeFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(UploadTooLargeFilter.class);

    private static final Pattern EDIT_PAGE_POST = Pattern
        .compile("/t/([a-z0-9][a-z0-9-]{0,31})/key-stores/([^/]+)/edit/[a-z-]+");

    private final long partHeaderLimit;

    /**
     * @param partHeaderLimit {@code server.tomcat.max-part-header-size} in bytes
     */
    UploadTooLargeFilter(long partHeaderLimit) {
        this.partHeaderLimit = partHeaderLimit;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String contentType = request.getContentType();
        return !HttpMethod.POST.matches(request.getMethod()) || contentType == null
                || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/")
                || !EDIT_PAGE_POST.matcher(path(request)).matches();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            new StandardMultipartHttpServletRequest(request); // parses the body now; the
                                                              // container keeps the parts
        }
        catch (MultipartException e) {
            var refusal = UploadRefusal.of(e, partHeaderLimit);
            if (refusal.isPresent()) {
                redirectToForm(request, response, refusal.get());
                return;
            }
            // Not a limit (a malformed body): the normal handling answers it.
        }
        chain.doFilter(request, response);
    }

    private static void redirectToForm(HttpServletRequest request, HttpServletResponse response,
            UploadRefusal refusal) {
        Matcher page = EDIT_PAGE_POST.matcher(path(request));
        String targetName = page.matches() ? page.group(1) : "";
        String id = page.matches() ? page.group(2) : "";
        log.info("Refused an upload to {}: over the container's limit ({})", path(request), refusal);
        // The ID goes into a Location header: only a well-formed key store ID (the target
        // name's shape is the pattern's), anything else to the list.
        String target = KmsField.CUSTOM_KEY_STORE_ID.violation(id).isEmpty()
                ? "/t/" + targetName + "/key-stores/" + id + "/edit?upload=" + refusal.parameter()
                : KeyStoreListController.PATH;
        response.setStatus(HttpStatus.SEE_OTHER.value());
        response.setHeader("Location", request.getContextPath() + target);
    }

    private static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }

}
