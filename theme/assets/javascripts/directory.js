/* Council directory: the filter box and "near me". Both only read the page: no
   request leaves it. Without JavaScript the full list is shown and both stay hidden. */
(function () {
  "use strict";

  var persian = document.documentElement.lang === "fa";
  var DIGITS = "۰۱۲۳۴۵۶۷۸۹";
  function localDigits(text) {
    return persian ? String(text).replace(/[0-9]/g, function (d) { return DIGITS[d]; }) : String(text);
  }

  // The same folding as shora.persian.fold, applied to the searched text at build time.
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

  // ------------------------------------------------------------------ filter
  var form = document.querySelector("form[data-shora-find]");
  if (form) {
    var input = form.querySelector("input");
    var output = form.querySelector("output");
    var items = Array.prototype.slice.call(document.querySelectorAll(".shora-directory [data-shora-search]"));
    var apply = function () {
      var query = fold(input.value);
      var shown = 0;
      items.forEach(function (item) {
        var visible = !query || item.getAttribute("data-shora-search").indexOf(query) >= 0;
        item.hidden = !visible;
        if (visible) shown += 1;
      });
      // Hide cities, countries and continents left without a visible council.
      [".shora-city", ".shora-country", ".shora-continent"].forEach(function (selector) {
        document.querySelectorAll(".shora-directory " + selector).forEach(function (group) {
          group.hidden = !group.querySelector("[data-shora-search]:not([hidden])");
        });
      });
      if (!query) { output.textContent = ""; return; }
      output.textContent = shown ? output.getAttribute("data-template")
        .replace("{shown}", localDigits(shown)).replace("{total}", localDigits(items.length))
        : output.getAttribute("data-none");
    };
    form.hidden = false;
    form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
    input.addEventListener("input", apply);
    var wanted = new URLSearchParams(window.location.search).get("q");
    if (wanted) { input.value = wanted; apply(); }
  }

  // ------------------------------------------------------------------ near me
  var near = document.querySelector("[data-shora-near]");
  var data = document.getElementById("shora-near-data");
  // Browsers offer geolocation only in secure contexts (https, file://, localhost).
  if (near && data && window.isSecureContext && "geolocation" in navigator) {
    var councils = JSON.parse(data.textContent);
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
    var show = function (position) {
      var lat = position.coords.latitude, lon = position.coords.longitude;
      var nearest = councils.map(function (c) {
        return { name: c[0], city: c[1], url: c[2], km: distance(lat, lon, c[3], c[4]) };
      }).sort(function (a, b) { return a.km - b.km; }).slice(0, 5);
      status.textContent = "";
      list.textContent = "";
      nearest.forEach(function (c) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = c.url;
        a.textContent = c.name;
        li.appendChild(a);
        var km = c.km < 10 ? Math.round(c.km * 10) / 10 : Math.round(c.km);
        // Persian writes the decimal separator as "٫".
        var shown = persian ? localDigits(km).replace(".", "\u066b") : String(km);
        var away = button.getAttribute("data-distance").replace("{km}", shown);
        li.appendChild(document.createTextNode(" (" + c.city + (persian ? "، " : ", ") + away + ")"));
        list.appendChild(li);
      });
    };
    button.addEventListener("click", function () {
      status.textContent = button.getAttribute("data-searching");
      navigator.geolocation.getCurrentPosition(show, function () {
        status.textContent = button.getAttribute("data-denied");
      }, { enableHighAccuracy: false, timeout: 15000, maximumAge: 600000 });
    });
    near.hidden = false;
  }
})();
