/* The filter of the resolutions index, on that index only (resolution pages, with their
   weight budget, do not load it). Without JavaScript the form stays hidden and the
   list works as it is. No network use but the site's own data file. */
(function () {
  "use strict";

  // Filters of the resolutions index. On a list of one page they hide the items that do
  // not match. On a list of several pages (data-src) they show instead the matching
  // items of every page, from a data file loaded when a filter is first chosen
  // (shoraLoad, shared.js: any mirror path, and file://, work).
  // The chosen filters are kept in the address (?year=2024&status=...), to be shared.
  var localDigits = window.shoraLocalDigits;
  function matches(item, wanted) {
    return Object.keys(wanted).every(function (name) {
      var value = item.getAttribute("data-" + name) || "";
      return name === "topics" ? value.split(" ").indexOf(wanted[name]) >= 0 : value === wanted[name];
    });
  }

  document.querySelectorAll("form[data-shora-filter]").forEach(function (form) {
    var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
    var output = form.querySelector("output");
    var src = form.getAttribute("data-src");
    var pageItems = Array.prototype.slice.call(document.querySelectorAll(".shora-year .shora-item"));
    var results = document.querySelector("[data-shora-filter-results]");
    var pagePart = document.querySelector("[data-shora-filter-page]");
    var every = null;  // the items of every page, once loaded
    var loading = false;

    function wantedNow() {
      var wanted = {};
      selects.forEach(function (select) { if (select.value) wanted[select.name] = select.value; });
      return wanted;
    }
    function say(shown, total) {
      output.textContent = output.getAttribute("data-template")
        .replace("{shown}", localDigits(shown)).replace("{total}", localDigits(total));
    }
    function remember() {
      var params = new URLSearchParams(window.location.search);
      selects.forEach(function (select) {
        if (select.value) params.set(select.name, select.value); else params.delete(select.name);
      });
      var query = params.toString();
      window.history.replaceState(window.history.state, "",
        window.location.pathname + (query ? "?" + query : "") + window.location.hash);
      carry(query);
    }
    // The language switch keeps the filters: their values are the same in both languages.
    function carry(query) {
      document.querySelectorAll("a[data-shora-switch]").forEach(function (a) {
        var parts = a.getAttribute("href").split("#");
        a.setAttribute("href", parts[0].split("?")[0] + (query ? "?" + query : "") +
          (parts.length > 1 ? "#" + parts[1] : ""));
      });
    }

    function filterThisPage(wanted) {
      var shown = 0;
      pageItems.forEach(function (item) {
        item.hidden = !matches(item, wanted);
        if (!item.hidden) shown += 1;
      });
      document.querySelectorAll(".shora-year").forEach(function (section) {
        section.hidden = !section.querySelector(".shora-item:not([hidden])");
      });
      say(shown, pageItems.length);
    }

    // The data file's items, with their links made relative to this page.
    function prepare(items) {
      var base = form.getAttribute("data-base");
      // A folder address opens its index.html on a server, not from a copy on disk.
      var index = window.location.protocol === "file:" ? "index.html" : "";
      var holder = document.createElement("template");
      holder.innerHTML = items.join("");  // the site's own escaped HTML
      var found = Array.prototype.slice.call(holder.content.querySelectorAll(".shora-item"));
      found.forEach(function (item) {
        item.querySelectorAll("a[href]").forEach(function (a) {
          var href = a.getAttribute("href");
          if (/^([a-z]+:|\/|#)/i.test(href)) return;
          a.setAttribute("href", base + href + (/\/$/.test(href) ? index : ""));
        });
      });
      return found;
    }
    function load() {
      if (loading) return;
      loading = true;
      var done = function () {
        var data = window.shoraResolutionsData;
        loading = false;
        if (data && !every) every = prepare(data.items);
        if (every) { apply(); return; }
        output.textContent = form.getAttribute("data-failed");  // tried again at the next choice
      };
      window.shoraLoad(src).then(done, done);
    }
    function filterEveryPage(wanted) {
      if (!Object.keys(wanted).length) {
        results.hidden = true;
        results.textContent = "";
        pagePart.hidden = false;
        output.textContent = "";
        return;
      }
      if (!every) {
        output.textContent = form.getAttribute("data-loading");
        load();
        return;
      }
      results.textContent = "";
      var shown = 0;
      every.forEach(function (item) {
        if (!matches(item, wanted)) return;
        results.appendChild(item.cloneNode(true));
        shown += 1;
      });
      results.hidden = shown === 0;
      pagePart.hidden = true;
      say(shown, every.length);
    }

    function apply() {
      var wanted = wantedNow();
      if (src && results && pagePart) filterEveryPage(wanted); else filterThisPage(wanted);
    }
    // Filters chosen in the address: each value only when it is one of the options.
    var asked = new URLSearchParams(window.location.search);
    selects.forEach(function (select) {
      var value = asked.get(select.name);
      if (value && Array.prototype.some.call(select.options, function (o) { return o.value === value; })) {
        select.value = value;
      }
    });
    form.hidden = false;
    form.addEventListener("change", function () { remember(); apply(); });
    if (Object.keys(wantedNow()).length) remember();
    apply();
  });
})();
