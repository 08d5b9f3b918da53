// Progressive enhancement only: every page works without this file.
// On a phone, fold the directory's filter panel away unless a filter is in use.
document.addEventListener("DOMContentLoaded", () => {
  const panel = document.querySelector("details.filter-panel");
  if (!panel) return;
  const inUse = new URLSearchParams(location.search);
  inUse.delete("page");
  if (window.matchMedia("(max-width: 49.99rem)").matches && ![...inUse.values()].some(Boolean)) {
    panel.open = false;
  }
});
