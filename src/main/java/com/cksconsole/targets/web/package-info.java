/** The Targets pages (ADMIN only): list, add, edit, check, disable and enable targets. */
@NullMarked
package com.cksconsole.targets.web;

import org.jspecify.annotations.NullMarked;
