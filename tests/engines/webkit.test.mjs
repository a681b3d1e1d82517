// The journeys of journeys.mjs in WebKitGTK's MiniBrowser (Debian webkit2gtk-driver, driven by selenium-webdriver under Xvfb).
import { journeys } from "./journeys.mjs";

journeys("webkit");
