// A page waiting for work done in the background (a payment run being paid) checks again by
// itself. Without JavaScript, a <noscript> meta refresh reloads it every few seconds. With
// JavaScript, the page asks for itself quietly instead and reloads only once what it waits for
// has changed, so nobody loses their place on a page that reloads under them.
export function checkAgain(waiting) {
  const seconds = Number(waiting.dataset.seconds) || 5;
  const state = waiting.dataset.state;
  const timer = window.setInterval(async () => {
    let page;
    try {
      const response = await fetch(window.location.href, { credentials: "same-origin" });
      if (!response.ok) return; // a passing problem: ask again next time
      page = new DOMParser().parseFromString(await response.text(), "text/html");
    } catch {
      return; // offline for a moment: ask again next time
    }
    const still = page.querySelector('[data-module="app-check-again"]');
    if (still && still.dataset.state === state) return;
    window.clearInterval(timer);
    window.location.reload();
  }, seconds * 1000);
}
