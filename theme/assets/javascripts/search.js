/* Shora search page: reads ?q=, folds it like shora.persian.fold, and asks Pagefind's
   per-language index. Loaded only by the search page; Pagefind only when there is a
   query. Nothing leaves the site. */
(function () {
  "use strict";

  var HARAKAT = /[\u064b-\u065f\u0670\u06d6-\u06ed]/g;
  var MARKS = /\p{M}/gu;
  var TABLE = {
    "\u064a": "\u06cc", "\u0649": "\u06cc", "\u0643": "\u06a9", "\u06c0": "\u0647",
    "\u0629": "\u0647", "\u0623": "\u0627", "\u0625": "\u0627", "\u0622": "\u0627",
    "\u0640": "", "\u200c": " ", "\u200d": ""
  };
  var PERSIAN = "۰۱۲۳۴۵۶۷۸۹";
  var ARABIC = "٠١٢٣٤٥٦٧٨٩";
  for (var d = 0; d < 10; d += 1) {
    TABLE[PERSIAN[d]] = String(d);
    TABLE[ARABIC[d]] = String(d);
  }
  var TABLE_RE = new RegExp("[" + Object.keys(TABLE).join("") + "]", "g");

  /* The same rules as shora.persian.fold (tests compare the two). */
  function fold(text) {
    text = String(text).normalize("NFKD").replace(HARAKAT, "").replace(MARKS, "");
    text = text.normalize("NFC").replace(TABLE_RE, function (c) { return TABLE[c]; });
    text = text.toLowerCase().replace(/ß/g, "ss").replace(/ς/g, "σ");
    return text.split(/\s+/).filter(Boolean).join(" ");
  }
  window.shoraFold = fold;

  var form = document.querySelector("form[data-shora-search]");
  if (!form) return;
  var persian = document.documentElement.lang === "fa";
  var input = form.querySelector("input[name=q]");
  var status = document.querySelector(".shora-search__status");
  var list = document.querySelector(".shora-search__results");

  function local(text) {
    return persian ? String(text).replace(/[0-9]/g, function (c) { return PERSIAN[c]; }) : String(text);
  }
  function say(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, key) { return values[key]; });
  }
  /* A Pagefind excerpt: text with <mark> around matches; rebuilt as text nodes.
     A leading `heading` (the clause's title, already shown as its link) is dropped. */
  function excerpt(html, heading) {
    var out = document.createElement("span");
    var doc = new DOMParser().parseFromString("<p>" + html + "</p>", "text/html");
    doc.body.firstChild.childNodes.forEach(function (node, index) {
      var text = local(node.textContent);
      if (index === 0 && heading && node.nodeName !== "MARK" && text.indexOf(heading) === 0) {
        text = text.slice(heading.length).replace(/^[.\s]+/, "");
      }
      if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = text;
        out.appendChild(mark);
      } else {
        out.appendChild(document.createTextNode(text));
      }
    });
    return out;
  }
  /* Persian shown on an English page (a resolution not yet translated: Persian first)
     carries its own language and direction. */
  var PERSIAN_LETTER = /[\u0600-\u06FF]/;
  function marked(element) {
    if (document.documentElement.lang !== "fa" && PERSIAN_LETTER.test(element.textContent)) {
      element.lang = "fa";
      element.dir = "rtl";
    }
    return element;
  }
  /* Pagefind's addresses start with baseUrl (the site's root path on this server). */
  function link(url) {
    return new URL(url, window.location.href).href;
  }

  var params = new URLSearchParams(window.location.search);
  var query = (params.get("q") || "").trim();
  input.value = query;
  if (!query) return;
  if (window.location.protocol === "file:") {
    document.querySelector(".shora-search__offline").hidden = false;
    return;
  }
  status.textContent = form.getAttribute("data-text-searching");
  var root = new URL(form.getAttribute("data-root"), window.location.href);
  var bundle = new URL(form.getAttribute("data-bundle"), window.location.href).href;

  /* noWorker: the search runs in the page, so no second copy of Pagefind's code loads. */
  import(bundle).then(function (pagefind) {
    return pagefind.options({ baseUrl: root.pathname, excerptLength: 24, noWorker: true }).then(function () {
      return pagefind.search(fold(query));
    });
  }).then(function (search) {
    var shown = search.results.slice(0, 20).map(function (r) { return r.data(); });
    return Promise.all(shown).then(function (results) { return [search.results.length, results]; });
  }).then(function (found) {
    var count = found[0], results = found[1];
    list.textContent = "";
    var text = count ? form.getAttribute("data-text-count") : form.getAttribute("data-text-none");
    status.textContent = say(text, { count: local(count), query: query });
    results.forEach(function (data) {
      var item = document.createElement("li");
      item.className = "shora-search__result";
      var title = document.createElement("a");
      title.className = "shora-search__title";
      title.href = link(data.url);
      title.textContent = data.meta.title || data.url;
      item.appendChild(marked(title));
      var subs = (data.sub_results || []).filter(function (s) { return s.url !== data.url; });
      subs.sort(function (a, b) { return b.locations.length - a.locations.length; });
      if (!subs.length) {
        var p = document.createElement("p");
        p.appendChild(marked(excerpt(data.excerpt)));
        item.appendChild(p);
      }
      var clauses = document.createElement("ul");
      subs.slice(0, 3).forEach(function (sub) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = link(sub.url);
        a.textContent = local(sub.title);
        li.appendChild(marked(a));
        li.appendChild(document.createTextNode(" "));
        li.appendChild(marked(excerpt(sub.excerpt, a.textContent)));
        clauses.appendChild(li);
      });
      if (subs.length) item.appendChild(clauses);
      list.appendChild(item);
    });
  }).catch(function (error) {
    status.textContent = form.getAttribute("data-text-error");
    if (window.console) console.warn(error);
  });
})();
