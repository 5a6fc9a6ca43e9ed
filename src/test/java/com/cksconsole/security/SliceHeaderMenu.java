package com.cksconsole.security;

/**
 * The layout's {@code headerMenu} bean for web slice tests that do not import the
 * security configuration: the console's own role hierarchy, so the header offers what it
 * offers in the running console.
 */
public final class SliceHeaderMenu {

    private SliceHeaderMenu() {
    }

    public static HeaderMenu create() {
        return new HeaderMenu(SecurityConfiguration.roleHierarchy());
    }

}
