package com.cksconsole.audit;

/**
 * The export formats. JSON Lines is the one to verify outside the console (CSV
 * neutralises formulas).
 */
public enum ExportFormat {

    CSV("text/csv;charset=UTF-8", "csv"), JSONL("application/x-ndjson;charset=UTF-8", "jsonl");

    private final String contentType;

    private final String extension;

    ExportFormat(String contentType, String extension) {
        this.contentType = contentType;
        this.extension = extension;
    }

    public String contentType() {
        return contentType;
    }

    public String extension() {
        return extension;
    }

}
