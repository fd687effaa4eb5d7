/* For the pages' own scripts, loaded before them: digits as the page's readers write
   them, and a script run on demand by a <script> element (fetch is refused from
   file://), once; after a failure, tried again at the next call. */
(function () {
  "use strict";

  var DIGITS = "۰۱۲۳۴۵۶۷۸۹";
  window.shoraLocalDigits = function (text) {
    return document.documentElement.lang === "fa"
      ? String(text).replace(/[0-9]/g, function (d) { return DIGITS[d]; })
      : String(text);
  };

  var loads = {};
  window.shoraLoad = function (src) {  // src: from the page; a promise that it has run
    var address = new URL(src, document.baseURI).href;
    return loads[address] || (loads[address] = new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.onload = function () { script.remove(); resolve(); };
      script.onerror = function () {
        script.remove();
        delete loads[address];
        reject(new Error("not loaded: " + address));
      };
      script.src = address;
      document.head.appendChild(script);
    }));
  };
  var here = document.currentScript.src;  // the site's scripts' folder, on any mirror path
  window.shoraLoadScript = function (name) { return window.shoraLoad(new URL(name, here).href); };
})();
