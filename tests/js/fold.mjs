// Folds texts with the site's script (theme/assets/javascripts/fold.js), run as a
// browser runs it, and prints as JSON the Unicode version of Node's ICU (whose
// character database the script's NFKD, NFC, \p{M} and toLowerCase use), the folded
// texts, and which texts are one character that this Unicode does not know:
//   node tests/js/fold.mjs SCRIPT < texts.json     (a JSON list of strings)
import { readFileSync } from "node:fs";
import { runInNewContext } from "node:vm";

const [script] = process.argv.slice(2);
const window = {};
runInNewContext(readFileSync(script, "utf8"), { window }, { filename: script });
const texts = JSON.parse(readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify({
  unicode: process.versions.unicode,
  folded: texts.map(window.shoraFold),
  unassigned: texts.map((text) => /^\p{Cn}$/u.test(text)),
}));
