/** Sign-in, users, roles and the HTTP security policy. */
@NullMarked
package com.cksconsole.security;

import org.jspecify.annotations.NullMarked;
