/* Shora search page: reads ?q=, folds it as the indexes were (fold.js), and asks
   Pagefind's per-language index, or, on a copy opened from disk (file://, where browsers
   refuse Pagefind's fetch and WebAssembly), the same index written as scripts
   (shora/publish/disk_search.py). Loaded only by the search page, after shared.js and
   fold.js; an index only when there is a query. Nothing leaves the site. */
(function () {
  "use strict";

  var fold = window.shoraFold;
  var form = document.querySelector("form[data-shora-search]");
  if (!form) return;
  var input = form.querySelector("input[name=q]");
  var status = document.querySelector(".shora-search__status");
  var list = document.querySelector(".shora-search__results");

  var local = window.shoraLocalDigits;
  function say(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, key) { return values[key]; });
  }
  /* The count's text in the form the page's language uses for it: the page carries
     one per plural category, named as Intl.PluralRules names them. */
  var counted = JSON.parse(form.getAttribute("data-text-count"));
  var plural = new Intl.PluralRules(document.documentElement.lang);
  function countText(count) { return counted[plural.select(count)] || counted.other; }
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
     carries its own language and direction; so does English on a Persian page. Only
     text written almost wholly in the other language's letters (nine in ten) is taken
     to be in it: an excerpt is a window on its page, whose language it keeps where it
     quotes a few words of the other (the glossary's, the name of a form); read in the
     other direction, its words and punctuation came out in the wrong order. */
  var LETTERS = { fa: /[\u0600-\u06FF\uFB50-\uFDFF\uFE70-\uFEFF]/g, en: /[A-Za-z\u00C0-\u024F]/g };
  function marked(element) {
    var own = document.documentElement.lang === "fa" ? "fa" : "en";
    var other = own === "fa" ? "en" : "fa";
    var text = element.textContent;
    var count = function (language) { return (text.match(LETTERS[language]) || []).length; };
    if (count(other) > 9 * count(own)) {
      element.lang = other;
      element.dir = other === "fa" ? "rtl" : "ltr";
    }
    return element;
  }
  /* ---------------------------------------------------------------- Pagefind */
  var root = new URL(form.getAttribute("data-root"), window.location.href);
  var pagefindModule = null;
  /* noWorker: the search runs in the page, so no second copy of Pagefind's code loads. */
  function pagefindSearch(folded, limit) {
    if (!pagefindModule) {
      var bundle = new URL(form.getAttribute("data-bundle"), window.location.href).href;
      pagefindModule = import(bundle).then(function (pagefind) {
        return pagefind.options({ baseUrl: root.pathname, excerptLength: 24, noWorker: true })
          .then(function () { return pagefind; });
      });
    }
    return pagefindModule.then(function (pagefind) {
      return pagefind.search(folded);
    }).then(function (search) {
      var shown = search.results.slice(0, limit).map(function (r) { return r.data(); });
      return Promise.all(shown).then(function (results) {
        return { count: search.results.length, results: results };
      });
    });
  }

  /* ------------------------------------------------------ the index on disk */
  /* The index as scripts and its search (search-disk.js), loaded on first need. */
  var diskModule = null;
  function diskIndex() {
    if (!diskModule) {
      diskModule = window.shoraLoad(form.getAttribute("data-disk-script")).then(function () {
        return window.shoraDiskSearch({
          base: new URL(form.getAttribute("data-disk"), window.location.href).href,
          root: root, fold: fold, english: document.documentElement.lang === "en"
        });
      });
    }
    return diskModule;
  }
  window.shoraSearchDisk = diskIndex;  /* for the tests */
  function diskSearch(folded, limit) {
    return diskIndex().then(function (index) { return index.search(folded, limit); });
  }

  /* A page on disk has no server to add index.html to a folder's address. */
  var fromDisk = window.location.protocol === "file:";
  function link(url) {
    var address = new URL(url, window.location.href);
    if (fromDisk && address.pathname.slice(-1) === "/") address.pathname += "index.html";
    return address.href;
  }
  /* Served: Pagefind; where it cannot run (a server or policy refusing WebAssembly),
     the index as scripts, which gives the same results (tested). */
  function servedSearch(folded, limit) {
    return pagefindSearch(folded, limit).catch(function (error) {
      if (window.console) console.warn("Pagefind failed; searching the index as scripts.", error);
      return diskSearch(folded, limit);
    });
  }
  var engine = fromDisk ? diskSearch : servedSearch;
  function subResults(data) {
    var subs = (data.sub_results || []).filter(function (s) { return s.url !== data.url; });
    return subs.sort(function (a, b) { return b.locations.length - a.locations.length; });
  }
  /* For the tests: every result of a query, as links (the same as the page shows). */
  window.shoraSearchRun = function (query, limit) {
    return engine(fold(query), limit || 1000).then(function (found) {
      return { count: found.count, results: found.results.map(function (data) {
        return { url: link(data.url), clauses: subResults(data).map(function (s) { return link(s.url); }) };
      }) };
    });
  };

  var params = new URLSearchParams(window.location.search);
  var query = (params.get("q") || "").trim();
  input.value = query;
  if (!query) return;
  status.textContent = form.getAttribute("data-text-searching");

  engine(fold(query), 20).then(function (found) {
    var count = found.count, results = found.results;
    list.textContent = "";
    var text = count ? countText(count) : form.getAttribute("data-text-none");
    status.textContent = say(text, { count: local(count), query: query });
    results.forEach(function (data) {
      var item = document.createElement("li");
      item.className = "shora-search__result";
      var title = document.createElement("a");
      title.className = "shora-search__title";
      title.href = link(data.url);
      title.textContent = data.meta.title || data.url;
      item.appendChild(marked(title));
      var subs = subResults(data);
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
