// XKS proxy configuration import: progressive enhancement of the external key store edit form.
// Without this file the plain file input and the Import buttons work the same; this adds
//  - a drop zone: a file dropped on the import box fills the file input and is imported at once ("Import only",
//    so the operator sees what was filled in before reviewing);
//  - a size check before upload, so that a much too large file is not sent at all.
(function () {
    'use strict';

    function sizeText(bytes) {
        return bytes.toLocaleString('en') + (bytes === 1 ? ' byte' : ' bytes');
    }

    function limitText(maxBytes) {
        return maxBytes % 1024 === 0 ? (maxBytes / 1024) + ' KiB' : sizeText(maxBytes);
    }

    document.addEventListener('DOMContentLoaded', function () {
        var zone = document.querySelector('[data-drop-zone]');
        if (!zone) {
            return;
        }
        var form = zone.closest('form');
        var input = zone.querySelector('input[type=file]');
        var clientError = zone.querySelector('[data-import-client-error]');
        var importOnly = zone.querySelector('[data-import-submit="edit"]');
        if (!form || !input || !clientError || !importOnly) {
            return;
        }
        var maxBytes = parseInt(input.getAttribute('data-max-bytes'), 10);

        function tooLarge() {
            var file = input.files && input.files[0];
            if (!file || !(file.size > maxBytes)) {
                clientError.hidden = true;
                clientError.textContent = '';
                input.removeAttribute('aria-invalid');
                return false;
            }
            clientError.textContent = 'The file "' + file.name + '" is ' + sizeText(file.size)
                + '; a proxy configuration may be at most ' + limitText(maxBytes) + '. Choose the proxy '
                + 'configuration file (a few hundred bytes of JSON).';
            clientError.hidden = false;
            input.setAttribute('aria-invalid', 'true');
            var describedBy = input.getAttribute('aria-describedby') || '';
            if (describedBy.indexOf(clientError.id) < 0) {
                input.setAttribute('aria-describedby', (describedBy + ' ' + clientError.id).trim());
            }
            return true;
        }

        input.addEventListener('change', tooLarge);

        // Every button of this form sends the file, except those that say otherwise (formenctype): only a
        // submission that uploads it needs the check.
        form.addEventListener('submit', function (event) {
            var submitter = event.submitter;
            var uploads = !submitter || !submitter.hasAttribute('formenctype');
            if (uploads && tooLarge()) {
                event.preventDefault();
                input.focus();
            }
        });

        function hasFiles(event) {
            var types = event.dataTransfer && event.dataTransfer.types;
            return !!types && Array.prototype.indexOf.call(types, 'Files') >= 0;
        }

        // A disabled zone (nothing can change in the store's state) takes no file.
        zone.addEventListener('dragover', function (event) {
            if (hasFiles(event) && !zone.disabled) {
                event.preventDefault();
                event.dataTransfer.dropEffect = 'copy';
                zone.classList.add('import-zone--active');
            }
        });
        zone.addEventListener('dragleave', function (event) {
            if (!zone.contains(event.relatedTarget)) {
                zone.classList.remove('import-zone--active');
            }
        });
        zone.addEventListener('drop', function (event) {
            if (!hasFiles(event) || zone.disabled) {
                return;
            }
            event.preventDefault();
            zone.classList.remove('import-zone--active');
            if (event.dataTransfer.files.length !== 1) {
                clientError.textContent = 'Drop one proxy configuration file.';
                clientError.hidden = false;
                return;
            }
            input.files = event.dataTransfer.files;
            if (!tooLarge()) {
                form.requestSubmit(importOnly);
            }
        });
    });
}());
