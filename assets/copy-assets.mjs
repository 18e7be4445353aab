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
