// The page after a step is reached with the step in its address ("?ok=saved",
// "?reminded=12&units=5"), which shows the step's message. Once the page is
// drawn, the address drops those parameters, so that a reload, a bookmark
// or an address copied to a colleague does not repeat a message about a
// step that is over. Each dropped parameter stays on <html> as a data-
// attribute (data-ok="saved"), which the browser tests wait for.
(function () {
  "use strict";
  var url = new URL(location.href);
  var dropped = false;
  ["ok", "done", "saved", "linked", "reminded", "units", "notices", "emails", "nomail", "recent", "recentat"].forEach(function (name) {
    if (!url.searchParams.has(name)) return;
    document.documentElement.setAttribute("data-" + name, url.searchParams.get(name));
    url.searchParams.delete(name);
    dropped = true;
  });
  if (dropped) history.replaceState(history.state, "", url.pathname + url.search + url.hash);
})();
