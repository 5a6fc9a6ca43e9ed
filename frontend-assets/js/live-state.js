// Custom Key Store Console: follows a key store's transition (detail page) or a guided change (its status
// page) without reloading the whole page. Progressive enhancement only: without this file the pages reload
// themselves (a <noscript> meta refresh) while something is in progress.
(function () {
    'use strict';

    var POLL_MILLIS = 2000;

    function getJson(url) {
        return fetch(url, {credentials: 'same-origin', headers: {'Accept': 'application/json'}, cache: 'no-store'})
            .then(function (response) {
                return response.ok ? response.json() : null;
            });
    }

    function elapsedText(seconds) {
        if (seconds < 120) {
            return seconds + (seconds === 1 ? ' second' : ' seconds');
        }
        var minutes = Math.floor(seconds / 60);
        return minutes < 120 ? minutes + ' minutes' : Math.floor(minutes / 60) + ' hours';
    }

    // Detail page: poll the store's state; update the badge and the elapsed time; reload once it settles, so
    // that the page shows the buttons and explanations of the new state.
    function followState(region) {
        var url = region.getAttribute('data-live-state-url');
        var badge = region.querySelector('[data-live-badge]');
        var elapsed = document.querySelector('[data-live-elapsed]');
        function poll() {
            getJson(url).then(function (state) {
                if (state && !state.transitional) {
                    window.location.reload();
                    return;
                }
                if (state) {
                    if (badge && badge.textContent !== state.state) {
                        badge.textContent = state.state;
                    }
                    if (elapsed && state.elapsedSeconds !== null && state.elapsedSeconds !== undefined) {
                        elapsed.textContent = elapsedText(state.elapsedSeconds);
                    }
                }
                window.setTimeout(poll, POLL_MILLIS);
            }).catch(function () {
                window.setTimeout(poll, POLL_MILLIS);
            });
        }
        window.setTimeout(poll, POLL_MILLIS);
    }

    // Guided change status page: poll its progress; update each step's status, detail and duration; reload
    // once it has ended or paused, so that the page shows the outcome and what to do next.
    function followRun(table) {
        var url = table.getAttribute('data-live-run-url');
        var status = document.querySelector('[data-live-run-status]');
        function setText(row, field, text) {
            var cell = row.querySelector('[data-field="' + field + '"]');
            if (cell && cell.textContent !== (text || '')) {
                cell.textContent = text || '';
            }
        }
        function poll() {
            getJson(url).then(function (run) {
                if (run && !run.active) {
                    window.location.reload();
                    return;
                }
                if (run) {
                    if (status && status.textContent !== run.statusLabel) {
                        status.textContent = run.statusLabel;
                    }
                    run.steps.forEach(function (step) {
                        var row = table.querySelector('[data-step="' + step.name + '"]');
                        if (row) {
                            setText(row, 'status', step.statusLabel);
                            row.setAttribute('data-step-status', step.status);
                            setText(row, 'detail', step.detail);
                            setText(row, 'took', step.took);
                        }
                    });
                }
                window.setTimeout(poll, POLL_MILLIS);
            }).catch(function () {
                window.setTimeout(poll, POLL_MILLIS);
            });
        }
        window.setTimeout(poll, POLL_MILLIS);
    }

    document.addEventListener('DOMContentLoaded', function () {
        var state = document.querySelector('[data-live-state-url]');
        if (state) {
            followState(state);
        }
        var run = document.querySelector('[data-live-run-url]');
        if (run) {
            followRun(run);
        }
    });
}());
