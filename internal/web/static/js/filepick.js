// File fields in Vietnamese. A browser writes its file field ("Choose File",
// "No file chosen") in its own language, not the page's, so the pages hide
// the real field from sight only (it still takes the keyboard focus, is what
// screen readers announce and what the form sends) and show a label styled
// as a button, which opens the picker with or without JavaScript. This
// script writes the chosen file's name beside it, and says in Vietnamese
// that a required file is missing. Without JavaScript, css/nojs.css shows
// the browser's own field instead, whose text is then at least true.
//
// htmx parses what it swaps in with scripting off, so the page's
// <noscript><link nojs.css></noscript> arrives as a live stylesheet. Two
// guards keep it off while this script runs: the "filepick" class on
// <html>, which nojs.css's rules require to be absent, and the removal of
// such links whenever htmx brings content in.
(function () {
  "use strict";
  document.documentElement.classList.add("filepick");
  function dropNoscriptCSS() {
    document.querySelectorAll("noscript link[rel=stylesheet]").forEach(function (l) { l.remove(); });
  }
  dropNoscriptCSS();
  if (window.tiendoFilePick) return; // htmx runs this script again when it swaps a page in
  window.tiendoFilePick = true;
  document.addEventListener("htmx:load", dropNoscriptCSS);
  document.addEventListener("htmx:afterSwap", dropNoscriptCSS);

  function picker(el) {
    return el && el.matches && el.matches(".file-pick > input[type=file]") ? el : null;
  }
  function show(input) {
    var out = input.parentNode.querySelector(".file-name");
    if (!out) return;
    if (!out.dataset.none) out.dataset.none = out.textContent; // "Chưa chọn tệp", as the page says it
    var files = input.files || [];
    out.textContent = files.length === 1 ? files[0].name : files.length > 1 ? files.length + " tệp" : out.dataset.none;
    out.classList.toggle("chosen", files.length > 0);
  }
  function showAll() { document.querySelectorAll(".file-pick > input[type=file]").forEach(show); }

  document.addEventListener("change", function (e) {
    var input = picker(e.target);
    if (!input) return;
    input.setCustomValidity("");
    show(input);
  });
  // The browser's "Please select a file." would be the one English line.
  document.addEventListener("invalid", function (e) {
    var input = picker(e.target);
    if (input && input.validity.valueMissing) input.setCustomValidity("Hãy chọn một tệp để tải lên.");
  }, true);
  // A page come back from the history may still hold a chosen file; a page
  // htmx swapped in holds none, but shows what the server wrote.
  window.addEventListener("pageshow", showAll);
  document.addEventListener("htmx:afterSettle", showAll);
  showAll();
})();
