// Custom Key Store Console: the external key store edit form shows its VPC endpoint service fields only while
// VPC endpoint service connectivity is chosen. Progressive enhancement only: without this file the server shows
// them for a VPC store, or once VPC endpoint service has been chosen and the form submitted.
(function () {
    'use strict';

    var VPC = 'VPC_ENDPOINT_SERVICE';

    document.addEventListener('DOMContentLoaded', function () {
        var select = document.getElementById('xksProxyConnectivity');
        var fields = document.querySelector('[data-vpc-fields]');
        if (!select || !fields || select.disabled) {
            return;
        }
        // Only on a change of the choice: what the server shows on load (a value or an error to see) stays.
        select.addEventListener('change', function () {
            var vpc = select.value === VPC;
            fields.hidden = !vpc;
            // Hidden fields are not sent either: switching to a public endpoint clears them (KMS removes them).
            fields.disabled = !vpc;
        });
    });
}());
