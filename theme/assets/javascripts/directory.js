/* Council directory: the filter box and "near me". The pages list countries and a
   page of councils at a time; what both tools need about every council is in a data
   file (councils/directory-data.js, one per language) that is loaded only when the
   reader types in the filter or presses the button, by a <script> element with a
   relative address, so it works on any mirror path and from file:// too. Nothing
   else is requested: the position never leaves the page. Without JavaScript both
   tools stay hidden and the lists work as they are. */
(function () {
  "use strict";

  var tools = document.querySelector("[data-shora-tools]");
  if (!tools) return;

  var persian = document.documentElement.lang === "fa";
  var MAX_RESULTS = 50;
  var DIGITS = "۰۱۲۳۴۵۶۷۸۹";
  function localDigits(text) {
    return persian ? String(text).replace(/[0-9]/g, function (d) { return DIGITS[d]; }) : String(text);
  }
  var comma = persian ? "، " : ", ";

  // The same folding as shora.core.persian.fold, with which the data file's other spellings
  // were folded at build time.
  var FOLD = {
    "\u064a": "\u06cc", "\u0649": "\u06cc", "\u0643": "\u06a9", "\u06c0": "\u0647",
    "\u0629": "\u0647", "\u0623": "\u0627", "\u0625": "\u0627", "\u0622": "\u0627",
    "\u0640": "", "\u200c": " ", "\u200d": ""
  };
  function fold(text) {
    text = text.normalize("NFKD")
      .replace(/[\u064b-\u065f\u0670\u06d6-\u06ed]/g, "")
      .replace(/\p{M}/gu, "")
      .normalize("NFC")
      .replace(/[\u064a\u0649\u0643\u06c0\u0629\u0623\u0625\u0622\u0640\u200c\u200d]/g, function (c) { return FOLD[c]; })
      .replace(/[\u06f0-\u06f9]/g, function (d) { return String(d.charCodeAt(0) - 0x06f0); })
      .replace(/[\u0660-\u0669]/g, function (d) { return String(d.charCodeAt(0) - 0x0660); })
      .toLowerCase();
    return text.split(/\s+/).filter(Boolean).join(" ");
  }

  // ------------------------------------------------------------------ the data
  // Rows of the file: [id, name, city, country, lat, lon, status, other spellings].
  var councils = null;  // prepared rows, once loaded
  var waiting = [];
  var loading = false;
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
        key: [fold(row[1]), fold(row[2]), row[7], country[1]].join(" | ")
      };
    });
  }

  // Calls back with the prepared rows, or null when the file could not be loaded.
  function withData(callback) {
    if (councils) { callback(councils); return; }
    waiting.push(callback);
    if (loading) return;
    loading = true;
    var script = document.createElement("script");
    var done = function () {
      var data = window.shoraDirectoryData;
      loading = false;
      if (data && !councils) councils = prepare(data);
      var callbacks = waiting;
      waiting = [];
      callbacks.forEach(function (c) { c(councils); });
      script.remove();
    };
    script.onload = done;
    script.onerror = done;
    script.src = tools.getAttribute("data-src");
    document.head.appendChild(script);
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
    var apply = function () {
      var query = fold(input.value);
      if (!query) {
        output.textContent = "";
        nothingFound(false);
        results.textContent = "";
        results.hidden = true;
        return;
      }
      if (!councils) output.textContent = tools.getAttribute("data-loading");
      withData(function (rows) {
        if (fold(input.value) !== query) return;  // the reader typed on meanwhile
        results.textContent = "";
        if (!rows) {
          results.hidden = true;
          nothingFound(false);
          output.textContent = tools.getAttribute("data-failed");
          return;
        }
        var found = rows.filter(function (c) {
          return (!only || c.code === only) && c.key.indexOf(query) >= 0;
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
      withData(function (loaded) {
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
