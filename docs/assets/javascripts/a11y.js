// Accessibility fixes to elements that Material's own JavaScript adds to code blocks, each one
// found by axe-core in the browser tests (tests/browser/test_pages.py). CSS fixes: a11y.css.
(function () {
  "use strict";

  function fix(root) {
    // landmark-unique: every code block gets a <nav class="md-code__nav"> holding its copy
    // button; dozens of unnamed navigation landmarks drown the page's real ones.
    root.querySelectorAll(".md-code__nav:not([role])").forEach(function (nav) {
      nav.setAttribute("role", "none");
    });
    // link-name: a code annotation's number is drawn by CSS, so its link has no text.
    root.querySelectorAll("a.md-annotation__index:not([aria-label])").forEach(function (link) {
      var id = link.querySelector("[data-md-annotation-id]");
      if (id) link.setAttribute("aria-label", "(" + id.getAttribute("data-md-annotation-id") + ")");
    });
  }

  var pending = false;
  new MutationObserver(function () {
    if (pending) return;
    pending = true;
    queueMicrotask(function () {
      pending = false;
      fix(document);
    });
  }).observe(document.documentElement, { childList: true, subtree: true });
  fix(document);
})();
