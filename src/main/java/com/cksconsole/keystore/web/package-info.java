/**
 * Key store pages: list, detail, edit forms with validation, review and apply of
 * UpdateCustomKeyStore.
 */
@NullMarked
package com.cksconsole.keystore.web;

import org.jspecify.annotations.NullMarked;
