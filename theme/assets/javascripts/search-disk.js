/* Shora search from disk: the index written as scripts (shora/publish/disk_search.py)
   and its search, with Pagefind's words, stems and sub-results. Loaded by search.js
   only when a query needs it: on a copy opened from disk (file://, where browsers
   refuse Pagefind's fetch and WebAssembly), or where Pagefind failed to load.
   options: base (the index folder's address), root (the site's root, a URL), fold
   (search.js's), english (stem English words). Returns {search, words, stem}. */
window.shoraDiskSearch = function (options) {
  "use strict";

  var fold = options.fold, root = options.root, diskBase = options.base;
  /* Scripts register their part of the index here (see disk_search.py). */
  var disk = { meta: null, shards: {}, pages: {} };
  window.shoraSearchData = {
    meta: function (meta) { disk.meta = meta; },
    shard: function (key, words) { disk.shards[key] = words; },
    pages: function (first, pages) {
      pages.forEach(function (page, index) { disk.pages[first + index] = page; });
    }
  };
  function load(name) { return window.shoraLoad(diskBase + name); }
  var WORD = /[\p{L}\p{N}]+/gu;
  var KEY_LETTERS = 2;
  /* The same rules as words() in shora/publish/disk_search.py. */
  function words(text) {
    var found = [];
    fold(text).split(" ").forEach(function (run) {
      var parts = run.match(WORD) || [];
      if (parts.length > 1) {
        found.push(parts.join(""));
        parts.forEach(function (part) {
          if (part.length > 1 || part.charCodeAt(0) > 0x7f) found.push(part);
        });
      } else {
        found.push.apply(found, parts);
      }
    });
    return found;
  }
  function letters(word) { return Array.from(word); }
  function keyFile(key) {
    return "w-" + letters(key).map(function (c) { return c.codePointAt(0).toString(16); }).join("-") + ".js";
  }
  function unique(list) {
    return list.filter(function (item, index) { return list.indexOf(item) === index; });
  }
  /* English words are matched by their stems, as in Pagefind's English index: the
     Porter2 ("English") stemmer of the Snowball project, as Pagefind uses it
     (https://snowballstem.org/algorithms/english/stemmer.html), checked against
     Pagefind's results in the browser tests. Persian has no stemmer in Pagefind. */
  var stemEnglish = (function () {
    var EXCEPTIONS = {
      skis: "ski", skies: "sky", dying: "die", lying: "lie", tying: "tie", idly: "idl",
      gently: "gentl", ugly: "ugli", early: "earli", only: "onli", singly: "singl",
      sky: "sky", news: "news", howe: "howe", atlas: "atlas", cosmos: "cosmos",
      bias: "bias", andes: "andes"
    };
    var AFTER_1A = ["inning", "outing", "canning", "herring", "earring", "proceed", "exceed", "succeed"];
    var STEP2 = [["ization", "ize"], ["ational", "ate"], ["fulness", "ful"], ["ousness", "ous"],
      ["iveness", "ive"], ["tional", "tion"], ["biliti", "ble"], ["lessli", "less"],
      ["entli", "ent"], ["ation", "ate"], ["alism", "al"], ["aliti", "al"], ["ousli", "ous"],
      ["iviti", "ive"], ["fulli", "ful"], ["enci", "ence"], ["anci", "ance"], ["abli", "able"],
      ["izer", "ize"], ["ator", "ate"], ["alli", "al"], ["bli", "ble"], ["ogi", "og"], ["li", ""]];
    var STEP3 = [["ational", "ate"], ["tional", "tion"], ["alize", "al"], ["icate", "ic"],
      ["iciti", "ic"], ["ative", ""], ["ical", "ic"], ["ness", ""], ["ful", ""]];
    var STEP4 = ["ement", "ance", "ence", "able", "ible", "ment", "ant", "ent", "ism", "ate",
      "iti", "ous", "ive", "ize", "ion", "al", "er", "ic"];
    var VOWEL = /[aeiouy]/;
    function vowel(c) { return c !== undefined && VOWEL.test(c); }
    function ends(w, suffix) { return w.length >= suffix.length && w.slice(-suffix.length) === suffix; }
    /* The start of the region after the first non-vowel that follows a vowel, from `from`. */
    function region(w, from) {
      for (var i = from + 1; i < w.length; i += 1) {
        if (!vowel(w[i]) && vowel(w[i - 1])) return i + 1;
      }
      return w.length;
    }
    function shortSyllableAtEnd(w) {
      var n = w.length;
      if (n === 2) return vowel(w[0]) && !vowel(w[1]);
      return n > 2 && !vowel(w[n - 3]) && vowel(w[n - 2]) && !vowel(w[n - 1]) && "wxY".indexOf(w[n - 1]) < 0;
    }
    return function (word) {
      if (word.length <= 2) return word;
      if (Object.prototype.hasOwnProperty.call(EXCEPTIONS, word)) return EXCEPTIONS[word];
      var w = word.replace(/^y/, "Y").replace(/([aeiouy])y/g, "$1Y");
      var prefix = /^(gener|commun|arsen)/.exec(w);
      var r1 = prefix ? prefix[0].length : region(w, 0);
      var r2 = region(w, r1);
      var at, m, i;
      // Step 1a
      if (ends(w, "sses")) w = w.slice(0, -2);
      else if (ends(w, "ied") || ends(w, "ies")) w = w.length > 4 ? w.slice(0, -2) : w.slice(0, -1);
      else if (ends(w, "us") || ends(w, "ss")) { /* kept */ }
      else if (ends(w, "s") && VOWEL.test(w.slice(0, -2))) w = w.slice(0, -1);
      if (AFTER_1A.indexOf(w) >= 0) return w;
      // Step 1b
      if ((m = /(eedly|eed)$/.exec(w))) {
        if (m.index >= r1) w = w.slice(0, m.index) + "ee";
      } else if ((m = /(ingly|edly|ing|ed)$/.exec(w)) && VOWEL.test(w.slice(0, m.index))) {
        w = w.slice(0, m.index);
        if (/(at|bl|iz)$/.test(w)) w += "e";
        else if (/(bb|dd|ff|gg|mm|nn|pp|rr|tt)$/.test(w)) w = w.slice(0, -1);
        else if (r1 >= w.length && shortSyllableAtEnd(w)) w += "e";
      }
      // Step 1c
      if (/.[^aeiouy][yY]$/.test(w)) w = w.slice(0, -1) + "i";
      // Step 2
      for (i = 0; i < STEP2.length; i += 1) {
        if (!ends(w, STEP2[i][0])) continue;
        at = w.length - STEP2[i][0].length;
        if (at >= r1) {
          if (STEP2[i][0] === "ogi") { if (w[at - 1] === "l") w = w.slice(0, at) + "og"; }
          else if (STEP2[i][0] === "li") { if ("cdeghkmnrt".indexOf(w[at - 1]) >= 0) w = w.slice(0, at); }
          else w = w.slice(0, at) + STEP2[i][1];
        }
        break;
      }
      // Step 3
      for (i = 0; i < STEP3.length; i += 1) {
        if (!ends(w, STEP3[i][0])) continue;
        at = w.length - STEP3[i][0].length;
        if (at >= r1 && (STEP3[i][0] !== "ative" || at >= r2)) w = w.slice(0, at) + STEP3[i][1];
        break;
      }
      // Step 4
      for (i = 0; i < STEP4.length; i += 1) {
        if (!ends(w, STEP4[i])) continue;
        at = w.length - STEP4[i].length;
        if (at >= r2 && (STEP4[i] !== "ion" || "st".indexOf(w[at - 1]) >= 0)) w = w.slice(0, at);
        break;
      }
      // Step 5
      at = w.length - 1;
      if (ends(w, "e") && (at >= r2 || (at >= r1 && !shortSyllableAtEnd(w.slice(0, at))))) w = w.slice(0, at);
      else if (ends(w, "ll") && at >= r2) w = w.slice(0, at);
      return w.replace(/Y/g, "y");
    };
  })();
  var stem = options.english ? stemEnglish : function (word) { return word; };
  /* A term ({word, stem, also}) matches every word whose stem its stem begins, as in
     Pagefind (compared on the words of an index in the browser tests); `also` is the
     index word it falls back on when it begins none (see matchedWords). */
  var stems = {};
  function matching(word, term) {
    if (!Object.prototype.hasOwnProperty.call(stems, word)) stems[word] = stem(word);
    return stems[word].indexOf(term.stem) === 0 || stems[word] === term.also;
  }
  /* The shards a term needs: those of the words it may begin, and the one-letter shard
     of its first letter (an index word it may fall back on). */
  function shardsFor(term) {
    var keys = keysFor(term.stem, disk.meta.keys);
    var first = letters(term.stem)[0];
    if (keys.indexOf(first) < 0 && disk.meta.keys.indexOf(first) >= 0) keys.push(first);
    return keys;
  }
  function keysFor(term, keys) {
    if (letters(term).length >= KEY_LETTERS) {
      var key = letters(term).slice(0, KEY_LETTERS).join("");
      return keys.indexOf(key) >= 0 ? [key] : [];
    }
    return keys.filter(function (key) { return key.indexOf(term) === 0; });
  }
  /* Ranking as Pagefind's (pagefind_web/src/search.rs, its default weights): BM25 over
     each matched index word (a stem, in English), counting the word's weights on the
     page (titles 7, headings 6, text 1) times a bonus for a length close to the query
     word's (lengths in UTF-8 bytes, as Pagefind counts them). */
  var SATURATION = 1.4, PAGE_LENGTH = 0.75;
  var encoder = new TextEncoder();
  function bytes(text) { return encoder.encode(text).length; }
  function lengthBonus(differential) {
    return Math.exp(Math.exp(-0.5 * differential * differential / 4)) / Math.E;
  }
  /* The index words (stems) a term matches: those it begins, or else the longest
     that begins it ("organisations" finds "organisation" when nothing longer). */
  function matchedWords(term) {
    var found = {}, longest = null;
    shardsFor(term).forEach(function (key) {
      var shard = disk.shards[key];
      Object.keys(shard).forEach(function (word) {
        if (matching(word, term)) {
          (found[stems[word]] = found[stems[word]] || []).push(shard[word]);
        } else if (term.stem.indexOf(stems[word]) === 0 &&
                   (!longest || stems[word].length > longest.length)) {
          longest = stems[word];
        }
      });
    });
    if (!Object.keys(found).length && longest) {
      term.also = longest;
      var shard = disk.shards[letters(longest).slice(0, KEY_LETTERS).join("")] || {};
      Object.keys(shard).forEach(function (word) {
        if (stems[word] === longest) (found[longest] = found[longest] || []).push(shard[word]);
      });
    }
    return found;
  }
  function rank(terms) {
    var lengths = disk.meta.lengths;
    var average = lengths.reduce(function (a, b) { return a + b; }, 0) / (lengths.length || 1);
    var matched = null;
    var scored = [];  // [{bonus, pages: {page: weight}}] per matched index word
    terms.forEach(function (term) {
      var found = matchedWords(term);
      var pages = {};
      Object.keys(found).forEach(function (word) {
        var weights = {};
        found[word].forEach(function (postings) {
          for (var i = 0; i < postings.length; i += 2) {
            weights[postings[i]] = (weights[postings[i]] || 0) + postings[i + 1];
            pages[postings[i]] = true;
          }
        });
        scored.push({ bonus: lengthBonus(Math.abs(bytes(word) - bytes(term.stem)) + 1), pages: weights });
      });
      matched = matched ? matched.filter(function (page) { return pages[page]; }) : Object.keys(pages);
    });
    var total = lengths.length, scores = {};
    (matched || []).forEach(function (page) {
      scores[page] = 0;
      scored.forEach(function (word) {
        if (!word.pages[page]) return;
        var containing = Object.keys(word.pages).length;
        var idf = Math.log((total - containing + 0.5) / (containing + 0.5) + 1);
        var tf = word.pages[page] * word.bonus;
        var norm = 1 - PAGE_LENGTH + PAGE_LENGTH * lengths[page] / average;
        scores[page] += idf * (SATURATION + 1) * tf / (SATURATION * norm + tf);
      });
    });
    return Object.keys(scores).sort(function (a, b) {
      return scores[b] - scores[a] || a - b;
    });
  }
  function escapeText(text) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }
  var EXCERPT_WORDS = 24;
  /* The run of EXCERPT_WORDS words with the most matches (the first of equals). */
  function excerptOf(shown, marks) {
    var start = 0, best = -1;
    for (var i = 0; i <= Math.max(0, shown.length - EXCERPT_WORDS); i += 1) {
      var count = marks.slice(i, i + EXCERPT_WORDS).filter(Boolean).length;
      if (count > best) { best = count; start = i; }
    }
    return shown.slice(start, start + EXCERPT_WORDS).map(function (word, index) {
      var text = escapeText(word);
      return marks[start + index] ? "<mark>" + text + "</mark>" : text;
    }).join(" ");
  }
  /* A result shaped like Pagefind's data (url, meta.title, excerpt, sub_results). */
  function diskResult(page, terms) {
    function matches(word) {
      return words(word).some(function (part) {
        return terms.some(function (term) { return matching(part, term); });
      });
    }
    var url = new URL(page.url, root).href;
    var all = [], allMarks = [], subs = [];
    page.sections.forEach(function (section) {
      var shown = ((section[1] || "") + " " + (section[2] || "")).split(/\s+/).filter(Boolean);
      var marks = shown.map(matches);
      all = all.concat(shown);
      allMarks = allMarks.concat(marks);
      var found = marks.filter(Boolean);
      if (found.length) {
        subs.push({ url: section[0] ? url + "#" + section[0] : url, title: section[1] || "",
                    excerpt: excerptOf(shown, marks), locations: found });
      }
    });
    return { url: url, meta: { title: page.title }, excerpt: excerptOf(all, allMarks), sub_results: subs };
  }
  /* The file of page n's record: the last whose first page is n or before it. */
  function fileOf(n) {
    var firsts = disk.meta.files, low = 0, high = firsts.length - 1;
    while (low < high) {
      var probe = (low + high + 1) >> 1;
      if (firsts[probe] <= n) low = probe; else high = probe - 1;
    }
    return low;
  }
  function diskSearch(folded, limit) {
    var terms = unique(words(folded)).map(function (word) { return { word: word, stem: stem(word) }; });
    if (!terms.length) return Promise.resolve({ count: 0, results: [] });
    return load("meta.js").then(function () {
      var keys = [];
      terms.forEach(function (term) { keys = keys.concat(shardsFor(term)); });
      return Promise.all(unique(keys).map(function (key) { return load(keyFile(key)); }));
    }).then(function () {
      var ranked = rank(terms);
      var shown = ranked.slice(0, limit);
      var files = unique(shown.map(function (n) { return "p-" + fileOf(n) + ".js"; }));
      return Promise.all(files.map(load)).then(function () {
        return { count: ranked.length, results: shown.map(function (n) { return diskResult(disk.pages[n], terms); }) };
      });
    });
  }

  return { search: diskSearch, words: words, stem: stem };
};
