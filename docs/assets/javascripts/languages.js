// The language switch keeps the reader's place: each language's link in the header gets the
// address's #anchor (the three languages share their anchors), kept up to date as the anchor
// changes. Without JavaScript the links go to the top of the page, as built.
(function () {
  "use strict";

  function follow() {
    document.querySelectorAll("a.md-select__link[hreflang]").forEach(function (link) {
      link.hash = location.hash;
    });
  }

  window.addEventListener("hashchange", follow);
  // An anchor set without a hashchange (history.replaceState) is caught as the reader reaches the menu.
  document.addEventListener("pointerdown", follow, true);
  document.addEventListener("focusin", follow, true);
  follow();
})();
