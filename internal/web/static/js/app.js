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
  ["ok", "done", "saved", "linked", "reminded", "units", "notices", "emails", "nomail", "recent", "recentat", "unreached", "chased", "recentu", "unreachedu", "unpickedu", "gone", "gonen", "unpicked"].forEach(function (name) {
    if (!url.searchParams.has(name)) return;
    document.documentElement.setAttribute("data-" + name, url.searchParams.get(name));
    url.searchParams.delete(name);
    dropped = true;
  });
  if (dropped) history.replaceState(history.state, "", url.pathname + url.search + url.hash);
})();

// A wide table scrolls sideways inside its region on a phone, which
// nothing on the page showed: its columns past the edge were as if not
// there. Each region that overflows gets a line above it saying so, kept
// in step with the window's width. A document's table (.sheet-table) is
// its own scrolling box on a narrow screen (app.css); it has no region
// around it, so it is made reachable with Tab while it scrolls.
(function () {
  "use strict";
  function mark() {
    document.querySelectorAll(".table-wrap, .matrix-wrap, .sheet-table").forEach(function (wrap) {
      var hint = wrap.previousElementSibling;
      var has = hint && hint.classList.contains("scroll-hint");
      var overflows = wrap.scrollWidth > wrap.clientWidth + 1;
      if (wrap.classList.contains("sheet-table")) {
        if (overflows) wrap.setAttribute("tabindex", "0");
        else wrap.removeAttribute("tabindex");
      }
      if (overflows && !has) {
        hint = document.createElement("p");
        hint.className = "scroll-hint";
        hint.setAttribute("aria-hidden", "true");
        hint.textContent = "Kéo ngang bảng để xem thêm cột →";
        wrap.parentNode.insertBefore(hint, wrap);
      } else if (!overflows && has) {
        hint.remove();
      }
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mark);
  else mark();
  var timer;
  window.addEventListener("resize", function () {
    clearTimeout(timer);
    timer = setTimeout(mark, 150);
  });
})();

// A form's buttons stay in sight in a bar stuck to the bottom of the window
// (.form-actions). A field reached with Tab scrolled only just into the
// window, under the bar: the window keeps the bar's height free below the
// field it scrolls to, whatever the bar's height on this screen.
(function () {
  "use strict";
  var bar = document.querySelector(".form-actions");
  if (!bar) return;
  function keep() { document.documentElement.style.scrollPaddingBottom = (bar.offsetHeight + 16) + "px"; }
  keep();
  if (window.ResizeObserver) new ResizeObserver(keep).observe(bar);
  else window.addEventListener("resize", keep);
})();

// What a page has to say about the step just taken takes the focus once
// the page is drawn, so that a screen reader reads it (a live region, or an
// alert, present when the page loads is not read) and a phone shows it: a
// refused step's message (#form-error), which lists what to fix with a
// link to each field, or else the notice of the step done that the page was
// sent to after it, marked tabindex="-1" ("Đã gửi báo cáo …", "Đã gửi đôn
// đốc …"). With a fragment in the address, the notice takes the focus
// without moving the page from where the fragment put it; a page that puts
// the person back into a field (js/report.js) gives the field the focus
// after this. A link in the message goes to its field (goTo), which
// js/report.js uses as well (window.tiendo.goTo).
(function () {
  "use strict";
  // Go to a field (or a box of fields, or a row of a report shown to
  // read): into the middle of the window, above the sticky bar, with the
  // focus on it, or on the box's first control, so that a phone shows it
  // and a screen reader is on it.
  function goTo(el) {
    el.scrollIntoView({ block: "center" });
    var control = /^(INPUT|TEXTAREA|SELECT|BUTTON)$/.test(el.tagName) ? el : el.querySelector("input:not([type=hidden]), textarea, select");
    if (control) control.focus({ preventScroll: true });
  }
  window.tiendo = window.tiendo || {};
  window.tiendo.goTo = goTo;
  function start() {
    var summary = document.getElementById("form-error");
    var notice = document.querySelector('main .notice[tabindex="-1"]');
    if (summary) summary.focus();
    else if (notice) notice.focus({ preventScroll: !!location.hash });
    document.querySelectorAll("#form-error a[href^='#']").forEach(function (a) {
      a.addEventListener("click", function (e) {
        var el = document.getElementById(decodeURIComponent(a.getAttribute("href").slice(1)));
        if (!el) return;
        e.preventDefault();
        history.replaceState(history.state, "", location.pathname + location.search + a.getAttribute("href"));
        goTo(el);
      });
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
