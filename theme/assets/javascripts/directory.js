/* Council directory: the filter box and "near me". The pages list countries and a
   page of councils at a time; what both tools need about every council is in a data
   file (councils/directory-data.js, one per language) that is loaded only when the
   reader types in the filter or presses the button (shoraLoad, shared.js), and the
   filter's folding (fold.js) only when the reader types. Nothing else is requested:
   the position never leaves the page. Without JavaScript both tools stay hidden and
   the lists work as they are. */
(function () {
  "use strict";

  var tools = document.querySelector("[data-shora-tools]");
  if (!tools) return;

  var persian = document.documentElement.lang === "fa";
  var MAX_RESULTS = 50;
  var localDigits = window.shoraLocalDigits;
  var comma = persian ? "، " : ", ";

  // ------------------------------------------------------------------ the data
  // Rows of the file: [id, name, city, country, lat, lon, status, other spellings].
  var councils = null;  // prepared rows, once loaded
  var base = tools.getAttribute("data-base");  // from this page to councils/
  // A folder address opens its index.html on a server, not from a copy on disk.
  var index = window.location.protocol === "file:" ? "index.html" : "";

  function prepare(data) {
    var countries = data.countries, statuses = data.statuses;
    return data.councils.map(function (row) {
      var country = countries[row[3]] || [row[3], ""];
      return {
        id: row[0], name: row[1], city: row[2], code: row[3], country: country[0],
        lat: row[4], lon: row[5], status: row[6], statusName: statuses[row[6]] || "",
        url: base + row[0] + "/" + index,
        spellings: row[7], countryKey: country[1], key: null
      };
    });
  }
  // What the filter matches: the name and city folded here, the other spellings and
  // the country's names folded at build time (shora.core.persian.fold, as fold.js).
  function key(c) {
    if (c.key === null) {
      c.key = [window.shoraFold(c.name), window.shoraFold(c.city), c.spellings, c.countryKey].join(" | ");
    }
    return c.key;
  }

  // Calls back with the prepared rows, or null when a file could not be loaded; with
  // `folding`, once the folding is loaded too.
  function withData(folding, callback) {
    var files = [window.shoraLoad(tools.getAttribute("data-src"))];
    if (folding) files.push(window.shoraLoadScript("fold.js"));
    Promise.all(files).then(function () {
      var data = window.shoraDirectoryData;
      if (data && !councils) councils = prepare(data);
      callback(councils);
    }, function () { callback(null); });
  }

  function councilItem(c, extra) {
    var li = document.createElement("li");
    li.className = "shora-council shora-council--" + ({ f: "forming", a: "active", i: "inactive", d: "dissolved" }[c.status] || "active");
    var a = document.createElement("a");
    a.href = c.url;
    a.textContent = c.name;
    li.appendChild(a);
    var meta = document.createElement("span");
    meta.className = "shora-item__meta";
    meta.textContent = [c.city, c.country].concat(extra || []).join(comma);
    li.appendChild(document.createTextNode(" "));
    li.appendChild(meta);
    if (c.status === "i" || c.status === "d") {
      var badge = document.createElement("span");
      badge.className = "shora-council-status shora-council-status--" + (c.status === "i" ? "inactive" : "dissolved");
      badge.textContent = c.statusName;
      li.appendChild(document.createTextNode(" "));
      li.appendChild(badge);
    }
    return li;
  }

  // ------------------------------------------------------------------ filter
  var form = tools.querySelector("form[data-shora-find]");
  var results = tools.querySelector("[data-shora-find-results]");
  if (form && results) {
    var input = form.querySelector("input");
    var output = form.querySelector("output");
    // How to start a council: shown with "no match" only.
    var start = form.querySelector("[data-shora-find-none]");
    var nothingFound = function (yes) { if (start) start.hidden = !yes; };
    var only = tools.getAttribute("data-country");
    var clear = function () {
      output.textContent = "";
      nothingFound(false);
      results.textContent = "";
      results.hidden = true;
    };
    var apply = function () {
      var typed = input.value;
      if (!typed.trim()) { clear(); return; }
      if (!councils || !window.shoraFold) output.textContent = tools.getAttribute("data-loading");
      withData(true, function (rows) {
        if (input.value !== typed) return;  // the reader typed on meanwhile
        results.textContent = "";
        if (!rows) {
          results.hidden = true;
          nothingFound(false);
          output.textContent = tools.getAttribute("data-failed");
          return;
        }
        var query = window.shoraFold(typed);
        if (!query) { clear(); return; }  // nothing but marks, tatweel or ZWNJ
        var found = rows.filter(function (c) {
          return (!only || c.code === only) && key(c).indexOf(query) >= 0;
        });
        found.slice(0, MAX_RESULTS).forEach(function (c) { results.appendChild(councilItem(c)); });
        results.hidden = found.length === 0;
        nothingFound(found.length === 0);
        if (!found.length) { output.textContent = output.getAttribute("data-none"); return; }
        var text = output.getAttribute("data-template").replace("{count}", localDigits(found.length));
        if (found.length > MAX_RESULTS) {
          text += " " + output.getAttribute("data-more").replace("{shown}", localDigits(MAX_RESULTS));
        }
        output.textContent = text;
      });
    };
    form.hidden = false;
    form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
    input.addEventListener("input", apply);
    var wanted = new URLSearchParams(window.location.search).get("q");
    if (wanted) { input.value = wanted; apply(); }
  }

  // ------------------------------------------------------------------ near me
  var near = tools.querySelector("[data-shora-near]");
  // Browsers offer geolocation only in secure contexts (https, file://, localhost).
  if (near && window.isSecureContext && "geolocation" in navigator) {
    var button = near.querySelector("[data-shora-near-button]");
    var status = near.querySelector("[data-shora-near-status]");
    var list = near.querySelector("[data-shora-near-list]");
    var radians = Math.PI / 180;
    var distance = function (lat1, lon1, lat2, lon2) {  // haversine, km
      var a = Math.pow(Math.sin((lat2 - lat1) * radians / 2), 2) +
        Math.cos(lat1 * radians) * Math.cos(lat2 * radians) *
        Math.pow(Math.sin((lon2 - lon1) * radians / 2), 2);
      return 12742 * Math.asin(Math.min(1, Math.sqrt(a)));
    };
    var show = function (position, rows) {
      var lat = position.coords.latitude, lon = position.coords.longitude;
      var nearest = rows.filter(function (c) { return c.status === "a" || c.status === "f"; })
        .map(function (c) { return { c: c, km: distance(lat, lon, c.lat, c.lon) }; })
        .sort(function (a, b) { return a.km - b.km; }).slice(0, 5);
      status.textContent = "";
      list.textContent = "";
      nearest.forEach(function (found) {
        var km = found.km < 10 ? Math.round(found.km * 10) / 10 : Math.round(found.km);
        // Persian writes the decimal separator as "٫".
        var shown = persian ? localDigits(km).replace(".", "\u066b") : String(km);
        list.appendChild(councilItem(found.c, [button.getAttribute("data-distance").replace("{km}", shown)]));
      });
    };
    button.addEventListener("click", function () {
      status.textContent = button.getAttribute("data-searching");
      var position = null, rows = null, pending = 2, failed = false;
      var finish = function () {
        pending -= 1;
        if (pending || failed) return;
        show(position, rows);
      };
      // The data file and the position, side by side; the position stays here.
      withData(false, function (loaded) {
        if (!loaded) { failed = true; status.textContent = tools.getAttribute("data-failed"); return; }
        rows = loaded;
        finish();
      });
      navigator.geolocation.getCurrentPosition(function (found) {
        position = found;
        finish();
      }, function () {
        failed = true;
        status.textContent = button.getAttribute("data-denied");
      }, { enableHighAccuracy: false, timeout: 15000, maximumAge: 600000 });
    });
    near.hidden = false;
  }
})();
