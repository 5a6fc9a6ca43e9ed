// Custom Key Store Console: progressive enhancement only. Every page works without this file.
(function () {
    'use strict';

    var COPIED_MESSAGE_MS = 3000;

    /** Copies text through a selected, hidden textarea: for pages the Clipboard API is not open to. */
    function copyThroughSelection(text) {
        var buffer = document.createElement('textarea');
        buffer.className = 'copy-buffer';
        buffer.setAttribute('aria-hidden', 'true');
        buffer.setAttribute('tabindex', '-1');
        buffer.value = text;
        document.body.appendChild(buffer);
        buffer.select();
        var copied = false;
        try {
            copied = document.execCommand('copy');
        } catch (unsupported) {
            copied = false;
        }
        document.body.removeChild(buffer);
        return copied ? Promise.resolve() : Promise.reject(new Error('copy refused'));
    }

    /** Copies text with the Clipboard API where the page may use it (HTTPS or localhost), else by selection. */
    function copyText(text) {
        if (navigator.clipboard && window.isSecureContext) {
            return navigator.clipboard.writeText(text).catch(function () {
                return copyThroughSelection(text);
            });
        }
        return copyThroughSelection(text);
    }

    /**
     * Puts a "Copy" button after each element marked data-copy (its value, or the element's own text when the
     * attribute is empty). The button's name says what it copies (data-copy-label); a status next to it says
     * whether it worked, for screen readers too.
     */
    function addCopyButtons() {
        document.querySelectorAll('[data-copy]').forEach(function (element) {
            var value = element.getAttribute('data-copy') || element.textContent.trim();
            if (!value) {
                return;
            }
            var label = element.getAttribute('data-copy-label') || 'value';
            var button = document.createElement('button');
            button.type = 'button';
            button.className = 'copy-button';
            button.textContent = 'Copy';
            button.setAttribute('aria-label', 'Copy ' + label);
            var status = document.createElement('span');
            status.className = 'copy-status';
            status.setAttribute('role', 'status');
            var clear;
            button.addEventListener('click', function () {
                copyText(value).then(function () {
                    status.textContent = 'Copied';
                }, function () {
                    status.textContent = 'Could not copy: select the text instead';
                }).then(function () {
                    window.clearTimeout(clear);
                    clear = window.setTimeout(function () {
                        status.textContent = '';
                    }, COPIED_MESSAGE_MS);
                });
            });
            element.appendChild(button);
            element.appendChild(status);
        });
    }

    /**
     * A table's box is a focusable region so that keyboard users can scroll it sideways (the markup makes it
     * focusable for pages without this script). Where the table fits, that stop is useless: drop it, and bring it
     * back when a narrower window makes the table scroll.
     */
    function syncScrollableTables() {
        document.querySelectorAll('.table-wrap[role="region"]').forEach(function (box) {
            if (box.scrollWidth > box.clientWidth) {
                box.setAttribute('tabindex', '0');
            } else if (document.activeElement !== box) {
                box.removeAttribute('tabindex');
            }
        });
    }

    /**
     * A page whose content the server moves on by itself (a credential rotation's checks) and that has no script
     * of its own reloads after the seconds its data-reload-after attribute says, as its <noscript> meta refresh
     * does without JavaScript.
     */
    function reloadWhenAsked() {
        var element = document.querySelector('[data-reload-after]');
        var seconds = element ? parseInt(element.getAttribute('data-reload-after'), 10) : NaN;
        if (seconds > 0) {
            window.setTimeout(function () {
                window.location.reload();
            }, seconds * 1000);
        }
    }

    document.addEventListener('DOMContentLoaded', function () {
        // Move focus to an error summary or sign-in error so screen reader and keyboard users hear it first.
        var target = document.querySelector('[data-focus-on-load]');
        if (target) {
            target.focus();
        }
        addCopyButtons();
        syncScrollableTables();
        reloadWhenAsked();
        window.addEventListener('resize', syncScrollableTables);
    });
}());
