package com.cksconsole.security;

/**
 * Published when {@link SessionRightsFilter} ends a session because its user's rights or
 * password changed, while the ended session is still the current one, so that the audit
 * log records it with that session's hash.
 */
record SessionEndedEvent(String username, String reason) {
}
