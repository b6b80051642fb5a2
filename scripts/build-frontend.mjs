// Builds static/build/: GOV.UK Frontend compiled from Sass with Arial (GDS Transport is for
// gov.uk domains only), its JavaScript and images, and our own styles.
import { cpSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import * as sass from "sass";

const out = "static/build";
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const css = sass.compile("static/src/app.scss", {
  loadPaths: ["node_modules"],
  style: "compressed",
  quietDeps: true,
  silenceDeprecations: ["import", "global-builtin"],
});
writeFileSync(`${out}/app.css`, css.css);

const govuk = "node_modules/govuk-frontend/dist/govuk";
cpSync(`${govuk}/govuk-frontend.min.js`, `${out}/govuk-frontend.min.js`);
cpSync(`${govuk}/assets/images`, `${out}/images`, { recursive: true });
cpSync(`${govuk}/assets/manifest.json`, `${out}/manifest.json`);
console.log(`Built ${out}/app.css (${css.css.length} bytes) and GOV.UK Frontend assets`);
