// The text pdf.js (pdfjs-dist) reads from a PDF, page after page: `node pdf_text.mjs FILE`.
import { readFileSync } from "node:fs";
import { getDocument } from "../../node_modules/pdfjs-dist/legacy/build/pdf.mjs";

const data = new Uint8Array(readFileSync(process.argv[2]));
const document = await getDocument({ data, disableFontFace: true }).promise;
let text = "";
for (let number = 1; number <= document.numPages; number++) {
  const content = await (await document.getPage(number)).getTextContent();
  text += content.items.map((item) => item.str + (item.hasEOL ? "\n" : "")).join("") + "\n";
}
process.stdout.write(text);
