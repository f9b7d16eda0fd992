// 浏览模式 (标准版 / 大字版 / 高对比度 / 大字高对比), for older readers and low vision.
// Without JavaScript the links in the header switch the page they are on, by CSS alone (the
// fragment they point to is :target). With it, this script keeps the choice in localStorage and
// applies it to every page before it is drawn. It is loaded in <head>, so it must not wait for the
// body except through events.
(function () {
  "use strict";
  var modes = ["standard", "large", "contrast", "large-contrast"];
  var key = "site-view-mode";
  var root = document.documentElement;
  var current = "standard";
  try { current = localStorage.getItem(key) || "standard"; } catch (e) { /* storage off: this page only */ }
  // The classes below now decide; the CSS-only :target rules stand aside.
  root.classList.add("js-modes");

  function stored() { return current; }

  function store(mode) {
    current = mode;
    try { localStorage.setItem(key, mode); } catch (e) { /* storage off: this page only */ }
  }

  function apply(mode) {
    if (modes.indexOf(mode) < 0) mode = "standard";
    root.classList.toggle("mode-large", mode === "large" || mode === "large-contrast");
    root.classList.toggle("mode-contrast", mode === "contrast" || mode === "large-contrast");
    var links = document.querySelectorAll("a[data-mode]");
    for (var i = 0; i < links.length; i++) {
      if (links[i].getAttribute("data-mode") === mode) links[i].setAttribute("aria-current", "true");
      else links[i].removeAttribute("aria-current");
    }
  }

  // A mode in the address (a link followed without JavaScript, or shared) becomes the choice; the
  // fragment is dropped so that CSS alone no longer holds the page in that mode.
  function fromAddress() {
    var match = /^#mode-([a-z-]+)$/.exec(location.hash);
    if (!match || modes.indexOf(match[1]) < 0) return;
    store(match[1]);
    if (history.replaceState) history.replaceState(null, "", location.pathname + location.search);
  }

  fromAddress();
  apply(stored());
  document.addEventListener("DOMContentLoaded", function () { apply(stored()); });
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[data-mode]") : null;
    if (!link) return;
    event.preventDefault();
    store(link.getAttribute("data-mode"));
    apply(stored());
    if (history.replaceState && location.hash) history.replaceState(null, "", location.pathname + location.search);
  });
  window.addEventListener("hashchange", function () { fromAddress(); apply(stored()); });
})();
