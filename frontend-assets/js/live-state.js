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

    // Replaces a badge's colour modifier (badge--connected, badge--transient, ...) and text.
    function setBadge(badge, modifier, text) {
        if (!badge) {
            return;
        }
        Array.prototype.slice.call(badge.classList).forEach(function (name) {
            if (name.indexOf('badge--') === 0 && name !== modifier) {
                badge.classList.remove(name);
            }
        });
        badge.classList.add(modifier);
        if (badge.textContent !== text) {
            badge.textContent = text;
        }
    }

    function setHidden(element, hidden) {
        if (element && element.hidden !== hidden) {
            element.hidden = hidden;
        }
    }

    // Guided change status page: poll its progress, the same JSON the page was rendered from, and update every
    // part that follows the run: the run's badge, each step, the store's name and state, the "keys unusable"
    // notice and the actions still possible. Reload once the run has ended or paused, so that the page shows
    // the outcome and what to do next; stop once neither the run nor the store moves any more.
    function followRun(table) {
        var url = table.getAttribute('data-live-run-url');
        var shownStatus = table.getAttribute('data-run-status');
        var status = document.querySelector('[data-live-run-status]');
        function setText(row, field, text) {
            var cell = row.querySelector('[data-field="' + field + '"]');
            if (cell && cell.textContent !== (text || '')) {
                cell.textContent = text || '';
            }
        }
        function showStore(run) {
            // The name with its invisible and direction-changing characters as escapes, never the raw name.
            Array.prototype.forEach.call(document.querySelectorAll('[data-live-store-name]'), function (name) {
                if (name.textContent !== run.storeNameShown) {
                    name.textContent = run.storeNameShown;
                }
            });
            setHidden(document.querySelector('[data-live-store-name-warning]'), !run.storeNameHidesCharacters);
            var known = run.storeState !== null && run.storeState !== undefined;
            setHidden(document.querySelector('[data-live-store-known]'), !known);
            setHidden(document.querySelector('[data-live-store-unknown]'), known);
            if (known) {
                setBadge(document.querySelector('[data-live-store-state] .badge'), run.storeBadge, run.storeState);
            }
            setHidden(document.querySelector('[data-live-unusable]'), !run.keysUnusable);
        }
        function showActions(run) {
            var cancel = document.querySelector('[data-live-action="cancel"]');
            var leave = document.querySelector('[data-live-action="leave-disconnected"]');
            // Once gone, an action never comes back: the run only moves forward.
            if (!run.mayCancel) {
                setHidden(cancel, true);
            }
            if (!run.mayLeaveDisconnected) {
                setHidden(leave, true);
            }
            setHidden(document.querySelector('[data-live-actions]'), !run.mayCancel && !run.mayLeaveDisconnected);
        }
        function poll() {
            getJson(url).then(function (run) {
                if (run && run.status !== shownStatus) {
                    window.location.reload();
                    return;
                }
                if (run) {
                    setBadge(status, run.statusBadge, run.statusLabel);
                    run.steps.forEach(function (step) {
                        var row = table.querySelector('[data-step="' + step.name + '"]');
                        if (row) {
                            setText(row, 'status', step.statusLabel);
                            row.setAttribute('data-step-status', step.status);
                            setText(row, 'detail', step.detail);
                            setText(row, 'took', step.took);
                        }
                    });
                    showStore(run);
                    showActions(run);
                    if (!run.follow) {
                        return;
                    }
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
