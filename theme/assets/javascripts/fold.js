/* Folding for search and the directory's filter: shora.core.persian.fold, which
   folded the indexes and the directory's data (how: shora/tools/fold_script.py; tests/
   test_fold.py compares the two over every code point). Loaded by the search page,
   and by the directory when the reader first types. */
(function () {
  "use strict";

  /* Tables written by shora.tools.fold_script from shora.core.persian: */
  var REMOVED = /[\u064b-\u065f\u0670\u06d6-\u06ed]/g;
  var SPACES = /[\u0009-\u000d\u001c-\u0020\u0085\u00a0\u1680\u2000-\u200a\u2028-\u2029\u202f\u205f\u3000]+/;
  var SHIFTS = [
    [0x3c2, 0x3c2, 1],
    [0x629, 0x629, 30],
    [0x643, 0x643, 102],
    [0x649, 0x649, 131],
    [0x64a, 0x64a, 130],
    [0x660, 0x669, -1584],
    [0x6d5, 0x6d5, -142],
    [0x6f0, 0x6f9, -1728],
    [0x13a0, 0x13f5, 0],
    [0x13f8, 0x13fd, -8],
    [0x1c80, 0x1c80, -6222],
    [0x1c81, 0x1c81, -6221],
    [0x1c82, 0x1c82, -6212],
    [0x1c83, 0x1c84, -6210],
    [0x1c85, 0x1c85, -6211],
    [0x1c86, 0x1c86, -6204],
    [0x1c87, 0x1c87, -6180],
    [0x1c88, 0x1c88, 35267],
    [0x200c, 0x200c, -8172],
    [0xab70, 0xabbf, -38864]
  ];
  var TEXTS = {"\u00df": "ss", "\u0640": "", "\u1e9e": "ss", "\u200d": ""};
  /* (end of the written tables) */
  var MARKS = /\p{M}/gu;

  /* What the tables or, for the rest, toLowerCase make of one character (one at a
     time: toLowerCase of a text lowers a final sigma otherwise than case folding). */
  function character(c) {
    var text = TEXTS[c];
    if (text !== undefined) return text;
    var code = c.codePointAt(0);
    for (var i = 0; i < SHIFTS.length && code >= SHIFTS[i][0]; i += 1) {
      if (code <= SHIFTS[i][1]) return String.fromCodePoint(code + SHIFTS[i][2]);
    }
    return c.toLowerCase();
  }

  window.shoraFold = function (text) {
    text = String(text).normalize("NFKD").replace(REMOVED, "").replace(MARKS, "").normalize("NFC");
    var out = "";
    for (var c of text) out += character(c);
    return out.split(SPACES).filter(Boolean).join(" ");
  };
})();
