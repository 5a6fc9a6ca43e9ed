/**
 * The audit log pages (ADMIN and AUDITOR only): search, detail, verification and streamed
 * exports.
 */
@NullMarked
package com.cksconsole.audit.web;

import org.jspecify.annotations.NullMarked;
