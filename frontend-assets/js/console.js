// Custom Key Store Console: progressive enhancement only. Every page works without this file.
(function () {
    'use strict';
    document.addEventListener('DOMContentLoaded', function () {
        // Move focus to an error summary or sign-in error so screen reader and keyboard users hear it first.
        var target = document.querySelector('[data-focus-on-load]');
        if (target) {
            target.focus();
        }
    });
}());
