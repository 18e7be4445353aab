// Copies GOV.UK Frontend's JavaScript into static/build, where Django serves it.
import { cpSync, mkdirSync } from "node:fs";

const source = "node_modules/govuk-frontend/dist/govuk";
mkdirSync("static/build", { recursive: true });
cpSync(`${source}/all.bundle.js`, "static/build/govuk-frontend.js");
