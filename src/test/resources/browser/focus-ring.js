// Describes the focus indicator of the focused element: its outline colour, the colour behind the outline (the
// nearest opaque background of the element itself for an inset outline, else of its ancestors) and their contrast
// ratio (WCAG 2 relative luminance). Returns null when nothing is focused.
return (function () {
    var element = document.activeElement;
    if (!element || element === document.body || element === document.documentElement) {
        return null;
    }
    function rgba(text) {
        var parts = text.match(/[\d.]+/g) || [];
        return parts.length < 3 ? null : {r: +parts[0], g: +parts[1], b: +parts[2], a: parts.length > 3 ? +parts[3] : 1};
    }
    function luminance(c) {
        function channel(v) {
            v = v / 255;
            return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
    }
    // A stable identity per element, so that a caller tabbing through a page knows when focus comes round again.
    window.focusRingIds = window.focusRingIds || new WeakMap();
    if (!window.focusRingIds.has(element)) {
        window.focusRingCount = (window.focusRingCount || 0) + 1;
        window.focusRingIds.set(element, window.focusRingCount);
    }
    var style = getComputedStyle(element);
    var inset = parseFloat(style.outlineOffset) < 0;
    var behind = inset ? element : element.parentElement;
    var background = {r: 255, g: 255, b: 255, a: 1};
    for (; behind; behind = behind.parentElement) {
        var color = rgba(getComputedStyle(behind).backgroundColor);
        if (color && color.a >= 0.99) {
            background = color;
            break;
        }
    }
    var outline = rgba(style.outlineColor);
    var lighter = Math.max(luminance(outline), luminance(background));
    var darker = Math.min(luminance(outline), luminance(background));
    return {
        key: window.focusRingIds.get(element),
        element: element.tagName.toLowerCase() + (element.id ? '#' + element.id : '')
            + (element.className && typeof element.className === 'string' ? '.' + element.className.trim().split(/\s+/).join('.') : '')
            + ' "' + (element.textContent || element.value || '').trim().slice(0, 30) + '"',
        tag: element.tagName.toLowerCase(),
        outlineStyle: style.outlineStyle,
        outlineWidth: parseFloat(style.outlineWidth),
        outlineColor: style.outlineColor,
        background: 'rgb(' + background.r + ', ' + background.g + ', ' + background.b + ')',
        ratio: (lighter + 0.05) / (darker + 0.05)
    };
}());
