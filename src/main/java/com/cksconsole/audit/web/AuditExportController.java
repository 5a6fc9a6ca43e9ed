package com.cksconsole.audit.web;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.context.request.async.WebAsyncUtils;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import com.cksconsole.audit.AuditLog;
import com.cksconsole.audit.ExportFormat;

/**
 * Streams the current search as CSV or JSON Lines: rows go from a JDBC cursor straight to
 * the response, so memory stays constant whatever the size. The export is recorded before
 * it starts (no record, no export: the refusal is {@link AuditPages}'s).
 */
@Controller
class AuditExportController {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'")
        .withZone(ZoneOffset.UTC);

    private final AuditLog auditLog;

    private final Clock clock;

    AuditExportController(AuditLog auditLog, Clock clock) {
        this.auditLog = auditLog;
        this.clock = clock;
    }

    @GetMapping("/audit/export")
    ResponseEntity<StreamingResponseBody> export(@ModelAttribute AuditFilterForm form, @RequestParam String format,
            HttpServletRequest request) {
        var exportFormat = switch (format) {
            case "csv" -> ExportFormat.CSV;
            case "jsonl" -> ExportFormat.JSONL;
            default -> throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
        };
        var parsed = form.parse(auditLog.targetValues());
        if (!parsed.errors().isEmpty()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
        }
        var export = auditLog.startExport(parsed.filter(), exportFormat);
        // A long export must not be cut by the default asynchronous request timeout (30 s
        // on Tomcat).
        var asyncRequest = WebAsyncUtils.getAsyncManager(request).getAsyncWebRequest();
        if (asyncRequest != null) {
            asyncRequest.setTimeout(export.timeout().toMillis());
        }
        String filename = "audit-" + STAMP.format(clock.instant()) + "." + exportFormat.extension();
        StreamingResponseBody body = export::writeTo;
        return ResponseEntity.ok()
            .contentType(MediaType.parseMediaType(exportFormat.contentType()))
            .header(HttpHeaders.CONTENT_DISPOSITION,
                    ContentDisposition.attachment().filename(filename).build().toString())
            .header(HttpHeaders.CACHE_CONTROL, "no-store")
            .body(body);
    }

}
