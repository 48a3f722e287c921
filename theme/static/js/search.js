// Progressive enhancement: the search page lists the indexes without JavaScript;
// with it, Pagefind's interface replaces that list.
window.addEventListener("DOMContentLoaded", () => {
  const element = document.getElementById("search");
  if (!element || typeof PagefindUI === "undefined") return;
  new PagefindUI({
    element: "#search",
    bundlePath: element.dataset.bundle,
    showSubResults: true,
    resetStyles: false,
  });
  document.getElementById("search-fallback").hidden = true;
  const input = element.querySelector("input");
  if (input) input.focus();
});
