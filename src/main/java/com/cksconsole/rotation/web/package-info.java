/**
 * The pages of credential rotations: starting one from a store ("Rotate now"), and the
 * run's page with its seven steps, what to do now, and the operator's confirmations.
 */
@NullMarked
package com.cksconsole.rotation.web;

import org.jspecify.annotations.NullMarked;
