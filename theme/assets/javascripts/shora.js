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

  // Filters of the resolutions index.
  document.querySelectorAll("form[data-shora-filter]").forEach(function (form) {
    var items = Array.prototype.slice.call(document.querySelectorAll(".shora-item"));
    var output = form.querySelector("output");
    function apply() {
      var wanted = {};
      form.querySelectorAll("select").forEach(function (select) {
        if (select.value) wanted[select.name] = select.value;
      });
      var shown = 0;
      items.forEach(function (item) {
        var visible = Object.keys(wanted).every(function (name) {
          var value = item.getAttribute("data-" + name) || "";
          return name === "topics" ? value.split(" ").indexOf(wanted[name]) >= 0 : value === wanted[name];
        });
        item.hidden = !visible;
        if (visible) shown += 1;
      });
      document.querySelectorAll(".shora-year").forEach(function (section) {
        section.hidden = !section.querySelector(".shora-item:not([hidden])");
      });
      if (output) {
        var digits = document.documentElement.lang === "fa" ? "۰۱۲۳۴۵۶۷۸۹" : null;
        var local = function (n) {
          return digits ? String(n).replace(/[0-9]/g, function (d) { return digits[d]; }) : String(n);
        };
        output.textContent = output.getAttribute("data-template")
          .replace("{shown}", local(shown)).replace("{total}", local(items.length));
      }
    }
    form.hidden = false;
    form.addEventListener("change", apply);
    apply();
  });
})();
