// Start GOV.UK Frontend's components (error summary focus, header menu, skip link, buttons).
import { initAll } from "/static/build/govuk-frontend.min.js";

initAll();
