package com.cksconsole.users;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;

import com.cksconsole.security.accounts.GroupMapping;

/**
 * A new single-sign-on group mapping as the administrator typed it. The group is kept
 * exactly as typed: the identity provider's value is compared exactly, so a space at
 * either end or a control character is refused with an explanation rather than silently
 * removed (a trimmed value would not be what the administrator sees in the provider's
 * console, and a stray space would give nothing to anyone).
 *
 * @param provider the provider's registration ID
 * @param group the group name, path or object ID, exactly as the provider sends it
 * @param scope {@link #CONSOLE_WIDE} or a target name
 * @param role a role name
 */
record GroupMappingForm(@NotBlank(message = CHOOSE_PROVIDER) @Nullable String provider,
        @NotEmpty(message = ENTER_GROUP) @Size(max = GroupMapping.MAX_GROUP_LENGTH, message = GROUP_TOO_LONG)
        // Unicode white space too: a no-break space is as invisible as a space.
        @Pattern(regexp = "(?U)(?s)(\\S(.*\\S)?)?", message = GROUP_SPACES) @Pattern(regexp = "\\P{Cc}*",
                message = GROUP_CONTROL) @Nullable String group,
        @NotBlank(message = CHOOSE_SCOPE) @Nullable String scope,
        @NotBlank(message = CHOOSE_ROLE) @Nullable String role) {

    static final String NAME = "mapping";

    static final String[] ALLOWED_FIELDS = { "provider", "group", "scope", "role" };

    /**
     * The scope value of a console-wide mapping: never a target name (those are
     * lower-case letters, digits and hyphens).
     */
    static final String CONSOLE_WIDE = "*";

    static final String CHOOSE_PROVIDER = "Choose the identity provider.";

    static final String ENTER_GROUP = "Enter the group as the identity provider sends it.";

    static final String GROUP_TOO_LONG = "A group can have at most " + GroupMapping.MAX_GROUP_LENGTH + " characters.";

    static final String GROUP_SPACES = "The group starts or ends with a space. Groups are compared exactly, so the "
            + "console does not remove it for you: enter the group without it.";

    static final String GROUP_CONTROL = "The group contains a control character (such as a tab or a line break), "
            + "which no identity provider sends in a group: enter the group without it.";

    static final String CHOOSE_SCOPE = "Choose console-wide or one target.";

    static final String CHOOSE_ROLE = "Choose a role.";

    static GroupMappingForm empty() {
        return new GroupMappingForm("", "", "", "");
    }

    boolean consoleWide() {
        return CONSOLE_WIDE.equals(scope);
    }

}
