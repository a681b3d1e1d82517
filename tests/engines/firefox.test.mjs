// The journeys of journeys.mjs in Firefox ESR (Debian firefox-esr, driven by puppeteer-core over WebDriver BiDi).
import { journeys } from "./journeys.mjs";

journeys("firefox");
