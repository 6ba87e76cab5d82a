// Accessibility fixes to elements that Material's own JavaScript adds to code blocks, each one
// found by axe-core in the browser tests (tests/browser/test_pages.py). CSS fixes: theme.css.
(function () {
  "use strict";

  // Each fix: [selector of an element that needs it, what to do to it].
  var FIXES = [
    // landmark-unique: every code block gets a <nav class="md-code__nav"> holding its copy
    // button; dozens of unnamed navigation landmarks drown the page's real ones.
    [".md-code__nav:not([role])", function (nav) { nav.setAttribute("role", "none"); }],
    // link-name: a code annotation's number is drawn by CSS, so its link has no text.
    ["a.md-annotation__index:not([aria-label])", function (link) {
      var id = link.querySelector("[data-md-annotation-id]");
      if (id) link.setAttribute("aria-label", "(" + id.getAttribute("data-md-annotation-id") + ")");
    }],
  ];

  function fix(root) {
    FIXES.forEach(function (entry) {
      // The element itself, or one it was added into (an annotation's number arrives after its link).
      var around = root.closest(entry[0]);
      if (around) entry[1](around);
      root.querySelectorAll(entry[0]).forEach(entry[1]);
    });
  }

  // Only what Material adds is looked at (not the whole page again on every change): on a long
  // chapter it adds elements hundreds of times while the page loads.
  new MutationObserver(function (records) {
    records.forEach(function (record) {
      record.addedNodes.forEach(function (node) {
        if (node.nodeType === Node.ELEMENT_NODE) fix(node);
      });
    });
  }).observe(document.documentElement, { childList: true, subtree: true });
  fix(document.documentElement);
})();
