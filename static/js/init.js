// Start GOV.UK Frontend's components (error summary focus, header menu, skip link, buttons),
// and our own: a page waiting for background work checks again by itself.
import { initAll } from "/static/build/govuk-frontend.min.js";
import { checkAgain } from "/static/js/check-again.js";

initAll();
document.querySelectorAll('[data-module="app-check-again"]').forEach(checkAgain);
