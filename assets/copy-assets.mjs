// Copies GOV.UK Frontend's JavaScript into static/build, where Django serves it. The bundle's
// last line points at a source map we do not ship; production's collectstatic (manifest
// storage) would stop on the missing file, so the line is left out.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";

const source = "node_modules/govuk-frontend/dist/govuk";
mkdirSync("static/build", { recursive: true });
const bundle = readFileSync(`${source}/all.bundle.js`, "utf8").replace(
  /\n\/\/# sourceMappingURL=\S+\s*$/,
  "\n",
);
writeFileSync("static/build/govuk-frontend.js", bundle);

// Pictograms for easy-read reports: only the OpenMoji SVGs listed in assets/pictograms.json,
// copied under the names staff choose (listening/pictograms.py reads the same file).
const pictograms = JSON.parse(readFileSync("assets/pictograms.json", "utf8"));
mkdirSync("static/build/pictograms", { recursive: true });
for (const [name, entry] of Object.entries(pictograms)) {
  if (name.startsWith("_")) continue;
  const svg = readFileSync(`node_modules/openmoji/color/svg/${entry.openmoji}.svg`, "utf8");
  writeFileSync(`static/build/pictograms/${name}.svg`, svg);
}
