/* Shora: small enhancements; every page works without them. No network use. */
(function () {
  "use strict";

  function siteRoot() {
    // Material writes the path from this page to the site's root into #__config.
    try {
      var config = JSON.parse(document.getElementById("__config").textContent);
      return new URL(config.base + "/", window.location.href);
    } catch (error) {
      return new URL("./", window.location.href);
    }
  }

  // Print shows the page's permanent address, wherever the copy is served from.
  document.querySelectorAll(".shora-permalink[data-path]").forEach(function (node) {
    node.textContent = new URL(node.getAttribute("data-path"), siteRoot()).href;
  });
})();

/* Material's script bundle, run when the reader first touches, clicks, types or scrolls
   rather than while the page loads: starting it is most of a page's work after the
   first paint (about 70 ms of a desktop's time, four times that of a phone's), and what
   it does (the palette's switch, back to top, the header following the scroll) waits
   for the reader anyway. It runs at once only where it would change the page unasked:
   a colour scheme other than the first, chosen before or by the system. Until then the
   palette's switch is shown as the bundle would show it, and a tap on it is carried
   over to the bundle once it runs. Its file's name: theme/main.html. */
(function () {
  "use strict";

  var named = document.getElementById("shora-material");
  if (!named || window.shoraMaterial) return;  // (the 404 page may run this file twice)
  var src = new URL(JSON.parse(named.textContent).bundle, document.currentScript.src).href;
  var palette = document.querySelector("form[data-md-component=palette]");
  var inputs = palette ? palette.querySelectorAll("input") : [];
  var EVENTS = ["pointerdown", "touchstart", "keydown", "wheel", "scroll", "focusin"];

  // The palette Material would choose (its palette component): the one remembered, or
  // the first whose media query matches.
  function chosenIndex() {
    var remembered = null;
    try {
      remembered = window.__md_get("__palette");
    } catch (error) { /* no storage: as for a first visit */ }
    var index = remembered && typeof remembered.index === "number" ? remembered.index
      : Array.prototype.findIndex.call(inputs, function (input) {
        return window.matchMedia(input.getAttribute("data-md-color-media")).matches;
      });
    return Math.max(0, Math.min(index, inputs.length - 1));
  }

  // Material listens for DOMContentLoaded once to start; when it arrives later, the
  // page has long had its own: it is told again (the navigation's timing says whether
  // the page's own was sent already).
  function parsed() {
    var navigation = window.performance && performance.getEntriesByType
      ? performance.getEntriesByType("navigation")[0] : null;
    return navigation ? navigation.domContentLoadedEventStart > 0 : document.readyState !== "loading";
  }

  // A scheme chosen with the switch before the bundle ran: the bundle starts from the
  // remembered one, then is told of the choice as of a change.
  function carryOverChoice() {
    var checked = palette && palette.querySelector("input:checked");
    if (checked && checked.getAttribute("data-md-color-scheme") !==
        document.body.getAttribute("data-md-color-scheme")) {
      checked.dispatchEvent(new Event("change"));
    }
  }

  function run() {
    if (window.shoraMaterial.running) return;
    window.shoraMaterial.running = true;
    EVENTS.forEach(function (name) { window.removeEventListener(name, run, true); });
    var script = document.createElement("script");
    script.onload = function () {
      if (parsed()) document.dispatchEvent(new Event("DOMContentLoaded"));
      setTimeout(carryOverChoice, 0);
    };
    script.src = src;
    document.body.appendChild(script);
  }

  window.shoraMaterial = { running: false };
  if (inputs.length && chosenIndex() !== 0) {
    run();
    return;
  }
  // The first palette is the page's own (its body's attributes): show its switch.
  if (inputs.length && inputs[0].nextElementSibling) inputs[0].nextElementSibling.hidden = false;
  EVENTS.forEach(function (name) {
    window.addEventListener(name, run, { capture: true, passive: true });
  });
})();
