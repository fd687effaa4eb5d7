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
