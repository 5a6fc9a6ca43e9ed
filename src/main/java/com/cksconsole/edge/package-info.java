/**
 * The HTTP edge, in the servlet container before any page: a deadline for each request
 * body, the security headers on every response (the container's own errors included),
 * relative redirects.
 */
@NullMarked
package com.cksconsole.edge;

import org.jspecify.annotations.NullMarked;
