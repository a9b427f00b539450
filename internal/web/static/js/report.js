// The unit report form: nothing typed is lost. Every change is kept in this
// browser (localStorage) at once and sent to the server a few seconds later
// (autosave); after a closed tab, a crash or an expired session the text
// comes back. It also shows each target's verdict as the value is typed and
// a length guide when the directive asks for brief reports.
(function () {
  "use strict";
  // A field's id in the report form: "t12.next_steps", "g31.value", "c4.text".
  var fieldID = /^[tgc][0-9]+\.[a-z_]+$/;

  // Go to a field, the confirm box or a row of a report shown to read
  // (js/app.js).
  var goTo = window.tiendo.goTo;

  // A refused step's message lists what to fix: js/app.js gives it the
  // focus, and its links go to each field; so do the unit head's list of
  // unusual values and the note of each.
  var summary = document.getElementById("form-error");
  document.querySelectorAll("#unusual-values a[href^='#'], .unusual a[href^='#']").forEach(function (a) {
    a.addEventListener("click", function (e) {
      var el = document.getElementById(decodeURIComponent(a.getAttribute("href").slice(1)));
      if (!el) return;
      e.preventDefault();
      history.replaceState(history.state, "", location.pathname + location.search + a.getAttribute("href"));
      goTo(el);
    });
  });

  // The confirmation before the report goes to the office (#send-confirm),
  // drawn open by the server once "Gửi báo cáo" (or, in a round with the
  // unit head's approval, "Trình lãnh đạo đơn vị duyệt") saved the draft, or
  // once the unit head pressed "Duyệt và gửi Văn phòng": opened here as a modal
  // dialog, so that the page under it cannot be reached and a screen reader
  // is in it. "Quay lại sửa" ("Quay lại") and Esc close it and put the
  // person back where they were, at the field they were in (data-back) or
  // on the button that asked (data-opener), without a round trip: the form
  // holds what was saved, the head's form what was typed and ticked. A link
  // to a field left empty closes it and puts the person in that field.
  // Closed, it goes, with the confirmation of unusual values it carried:
  // the next "Gửi báo cáo" is checked and confirmed afresh.
  var ask = document.getElementById("send-confirm");
  // The page asking answers the POST of "Gửi báo cáo": made the report's
  // address again in the history, Back from the report sent, or a reload,
  // gets the report rather than "Confirm Form Resubmission" and a second
  // post of the form.
  // Back to it from the page the browser kept whole (the back/forward
  // cache), it would ask again about a report that may be sent by now:
  // loaded afresh, it is the report as it is.
  if (ask) {
    history.replaceState(history.state, "", location.pathname + location.search + location.hash);
    window.addEventListener("pageshow", function (e) { if (e.persisted) location.reload(); });
  }
  if (ask && typeof ask.showModal === "function") {
    ask.close(); // drawn open, not modal; its "close" event comes later, and is ignored below
    ask.showModal();
    var backTo = (ask.dataset.back && document.getElementById(ask.dataset.back)) || document.getElementById(ask.dataset.opener || "submit");
    document.getElementById("send-back").addEventListener("click", function (e) {
      e.preventDefault();
      ask.close();
    });
    ask.querySelectorAll("a[href^='?#']").forEach(function (a) {
      a.addEventListener("click", function (e) {
        var hash = a.getAttribute("href").slice(1); // "?#field": the page again at the field, without JavaScript
        var el = document.getElementById(decodeURIComponent(hash.slice(1)));
        if (!el) return;
        e.preventDefault();
        history.replaceState(history.state, "", location.pathname + location.search + hash);
        backTo = el;
        ask.close();
      });
    });
    ask.addEventListener("close", function () {
      if (ask.open) return; // the close before showModal, reported late
      ask.remove();
      if (backTo) goTo(backTo);
    });
  }
  // One click sends: a second (a double click, an impatient one) while the
  // page goes would come back refused, the report being sent already.
  var sending = false;
  ["report-form", "decision-form"].forEach(function (id) {
    var f = document.getElementById(id);
    if (!f) return;
    f.addEventListener("submit", function (e) {
      if (sending) { e.preventDefault(); return; }
      if (e.submitter && /^(send|send_review|approve_send)$/.test(e.submitter.value)) sending = true;
    });
  });
  window.addEventListener("pageshow", function () { sending = false; });

  var form = document.getElementById("report-form");
  if (!form) return;

  var key = form.dataset.key;
  var status = form.querySelector(".autosave-status");
  var timer = null;
  var dirty = false;
  // The device's clock may be off: the time this browser keeps the form at
  // is written on the server's clock (data-now, the time the page was
  // drawn), so that it compares with the server's times (data-updated,
  // data-restored) and is shown as the server would show it.
  var skew = form.dataset.now ? Number(form.dataset.now) - Date.now() : 0;
  function clock() { return Date.now() + skew; }

  function values() {
    var out = {};
    new FormData(form).forEach(function (v, k) { if (typeof v === "string" && k !== "at") out[k] = v; });
    return out;
  }
  // A value as the server compares it: the browser sends "\r\n" for a line
  // break in a text box.
  function norm(v) { return String(v).replace(/\r\n/g, "\n").trim(); }
  // What a field is, for people: "“Kiến nghị, đề xuất” (Nhiệm vụ 1)".
  function fieldName(id) {
    var el = document.getElementById(id);
    if (!el) return "";
    var sec = el.closest("fieldset"), h = sec && sec.querySelector("legend");
    var where = h ? h.textContent.trim() : "";
    if (/^c/.test(id)) return "“" + where + "”";
    var label = form.querySelector('label[for="' + id + '"]');
    var name = /\.value$/.test(id) ? "Thực hiện" : /\.same$/.test(id) ? "Cùng kỳ năm trước" : label ? label.textContent.trim() : id;
    return "“" + name + "”" + (where ? " (" + where + ")" : "");
  }
  function fieldNames(ids) {
    var names = ids.slice(0, 3).map(fieldName);
    var rest = ids.length - names.length;
    return (ids.length === 1 ? "ở ô " : "ở " + ids.length + " ô: ") + names.join("; ") + (rest > 0 ? " và " + rest + " ô khác" : "");
  }
  function say(msg) { if (status) status.textContent = msg; }
  // A time as the pages write it, on Vietnam's clock whatever the
  // computer's: "14:05 ngày 28/11/2026".
  function when(ms) {
    try {
      var p = {};
      new Intl.DateTimeFormat("en-GB", { timeZone: "Asia/Ho_Chi_Minh", hour: "2-digit", minute: "2-digit",
        day: "2-digit", month: "2-digit", year: "numeric", hourCycle: "h23" })
        .formatToParts(new Date(ms)).forEach(function (x) { p[x.type] = x.value; });
      return p.hour + ":" + p.minute + " ngày " + p.day + "/" + p.month + "/" + p.year;
    } catch (e) {
      var d = new Date(ms);
      return ("0" + d.getHours()).slice(-2) + ":" + ("0" + d.getMinutes()).slice(-2);
    }
  }

  // A successful explicit save: what the browser kept is now on the server.
  if (form.dataset.saved === "1") {
    try { localStorage.removeItem(key); } catch (e) {}
  }
  // The fields a save took from one made elsewhere are named on the page
  // (#merged); a reload or a bookmark should not name them again.
  if (/[?&]merged=/.test(location.search)) {
    var u = new URL(location.href);
    u.searchParams.delete("merged");
    history.replaceState(history.state, "", u.pathname + u.search + u.hash);
  }

  // "Lưu nháp" reloads the page: it comes back where the person was. The
  // form posts the field they were last in ("at"), the server sends the
  // page back with it as the fragment, and the field is put back at the
  // height of the window it had (kept here for the next page), or in the
  // middle; it gets the focus back if it is in sight. The sticky bar says
  // the draft was saved; said again once the page is up, so that a screen
  // reader announces it.
  var at = document.getElementById("report-at");
  var placeKey = key + ":at";
  form.addEventListener("focusin", function (e) {
    if (at && e.target.id && fieldID.test(e.target.id) && e.target.form === form) at.value = e.target.id;
  });
  form.addEventListener("submit", function (e) {
    var op = e.submitter ? e.submitter.value : "";
    var el = at && at.value ? document.getElementById(at.value) : null;
    try {
      if (op === "save" && el) sessionStorage.setItem(placeKey, JSON.stringify({ id: el.id, top: el.getBoundingClientRect().top }));
      else sessionStorage.removeItem(placeKey);
    } catch (err) {}
  });
  var back = location.hash ? decodeURIComponent(location.hash.slice(1)) : "";
  if (!summary && fieldID.test(back) && document.getElementById(back)) {
    var field = document.getElementById(back), place = null;
    try { place = JSON.parse(sessionStorage.getItem(placeKey) || "null"); sessionStorage.removeItem(placeKey); } catch (err) {}
    var putBack = function () {
      if (place && place.id === back && typeof place.top === "number") {
        window.scrollBy(0, field.getBoundingClientRect().top - place.top);
      } else {
        field.scrollIntoView({ block: "center" });
      }
      var r = field.getBoundingClientRect();
      if (r.bottom > 0 && r.top < window.innerHeight) field.focus({ preventScroll: true });
    };
    putBack();
    // The browser scrolls to the fragment itself, the field at the top,
    // once the page has loaded: put it back after that.
    if (document.readyState !== "complete") window.addEventListener("load", function () { setTimeout(putBack, 0); });
  }
  if (form.dataset.saved === "1" && status && status.textContent) {
    var said = status.textContent;
    status.textContent = "";
    setTimeout(function () { if (!status.textContent) status.textContent = said; }, 400);
  }

  // Offer what this browser kept if it is newer than what the form shows
  // (the saved report, or the server's autosave the page restored) and
  // differs from it. When the server's autosave was restored, its notice
  // says both in one sentence, rather than a second notice stamped with
  // the same minute; when the browser's copy adds nothing, nothing is said.
  try {
    var kept = JSON.parse(localStorage.getItem(key) || "null");
    var restored = Number(form.dataset.restored || 0);
    if (kept && kept.values && kept.at > Math.max(Number(form.dataset.updated || 0), restored)) {
      var now = values(), more = [];
      Object.keys(kept.values).forEach(function (k) {
        if (fieldID.test(k) && now[k] !== undefined && norm(now[k]) !== norm(kept.values[k])) more.push(k);
      });
      if (more.length) offer(kept, more, restored);
    }
  } catch (e) {}

  function offer(kept, more, restored) {
    var box = document.getElementById("restored"), bar = document.createElement("p");
    bar.id = "kept";
    var at = when(kept.at), before = when(restored);
    if (before.slice(5) === at.slice(5)) before = before.slice(0, 5); // the same day: the time is enough
    bar.textContent = box
      ? "Trình duyệt này còn giữ nội dung bạn gõ lúc " + at + " " + fieldNames(more) + ", mới hơn bản tạm lúc " + before +
        " vừa khôi phục từ máy chủ; cả hai đều chưa lưu thành bản nháp nên đồng nghiệp và Văn phòng chưa thấy. "
      : "Trình duyệt này còn giữ nội dung bạn gõ lúc " + at +
        " nhưng chưa lưu thành bản nháp (đồng nghiệp và Văn phòng chưa thấy), " + fieldNames(more) + ". ";
    var btn = document.createElement("button");
    btn.type = "button";
    btn.className = "secondary small";
    btn.textContent = box ? "Dùng nội dung mới hơn" : "Khôi phục nội dung đó";
    btn.addEventListener("click", function () {
      // The version and the hashes it was typed on come back too: had the
      // report been saved elsewhere since, the save merges (mergeReport)
      // rather than putting this copy over the other save's text.
      Object.keys(kept.values).forEach(function (k) {
        var el = form.elements.namedItem(k);
        if (el && "value" in el) el.value = kept.values[k];
      });
      bar.remove();
      if (box && !box.children.length) box.remove();
      changed();
      say("Đã khôi phục. Bấm “Lưu nháp” để lưu thành bản nháp.");
    });
    bar.appendChild(btn);
    if (box) {
      box.firstElementChild.replaceWith(bar); // its other lines list a merge, which stands
    } else {
      bar.className = "notice";
      bar.setAttribute("role", "status");
      form.parentNode.insertBefore(bar, form);
    }
  }

  function keepLocal() {
    try { localStorage.setItem(key, JSON.stringify({ at: clock(), values: values() })); } catch (e) {}
  }

  // The autosave: the form to the server a few seconds after the last
  // change (at most every 15 s while typing goes on), and at once when the
  // page is left or hidden (pagehide, visibilitychange), which is when a
  // phone is put down or switches app: a phone seldom fires beforeunload,
  // and the last seconds typed would stay on this device only. A request
  // sent as the page goes (keepalive) may carry 64 KB at most: beyond
  // that, only what changed since the server last took the form is sent
  // ("partial"), which the server puts over its copy.
  var edits = 0;      // changes made, to tell whether the form changed while an autosave was on its way
  var first = 0;      // when the oldest change not yet sent was made
  var acked = null;   // the form as the server's autosave holds it, once one went through
  var pending = null; // the autosave on its way: {edits, ctl}

  function encode(v) {
    var body = new URLSearchParams();
    Object.keys(v).forEach(function (k) { body.append(k, v[k]); });
    return body.toString();
  }

  function autosave(leaving) {
    if (timer) { clearTimeout(timer); timer = null; }
    // One on its way with these very changes will do, unless the page is
    // going and it is not a keepalive one, which the browser cancels.
    if (!dirty || (pending && pending.edits === edits && !(leaving && pending.ctl))) return;
    var v = values(), sent = v, body = encode(v), partial = false;
    if (leaving && body.length > 60000 && acked) {
      sent = { version: v.version, base: v.base, partial: "1" };
      Object.keys(v).forEach(function (k) { if (v[k] !== acked[k]) sent[k] = v[k]; });
      body = encode(sent);
      partial = true;
    }
    // Too long to outlive the page: this browser keeps it (keepLocal), and
    // the autosave cancelled above goes as due, which a page only hidden
    // (visibilitychange: a phone switching app) still runs.
    if (leaving && body.length > 60000) { timer = setTimeout(autosave, 3000); return; }
    if (pending && pending.ctl) pending.ctl.abort(); // older than this one
    var mine = { edits: edits, ctl: !leaving && window.AbortController ? new AbortController() : null };
    pending = mine;
    first = 0;
    fetch(form.dataset.autosave, {
      method: "POST", body: body, credentials: "same-origin", keepalive: !!leaving,
      headers: { "Content-Type": "application/x-www-form-urlencoded;charset=UTF-8", "HX-Request": "true" },
      signal: mine.ctl ? mine.ctl.signal : undefined
    })
      .then(function (r) {
        if (pending === mine) pending = null;
        if (r.ok) {
          if (partial) { Object.keys(sent).forEach(function (k) { if (k !== "partial") acked[k] = sent[k]; }); } else { acked = v; }
          if (mine.edits === edits) dirty = false;
          return r.text().then(say);
        }
        if (r.status === 401) {
          say("Phiên đăng nhập đã hết hạn. Nội dung vẫn được giữ trên máy này: hãy đăng nhập lại ở một thẻ mới rồi quay lại trang này.");
        } else {
          say("Chưa tự động lưu được lên máy chủ (lỗi " + r.status + "); nội dung vẫn được giữ trên máy này.");
        }
      })
      .catch(function (e) {
        if (pending === mine) pending = null;
        if (e && e.name === "AbortError") return;
        say("Mất kết nối; nội dung vẫn được giữ trên máy này và sẽ được lưu khi có mạng.");
      });
  }

  function changed() {
    dirty = true;
    edits++;
    keepLocal();
    if (timer) clearTimeout(timer);
    if (!first) first = Date.now();
    timer = setTimeout(autosave, Math.max(0, Math.min(3000, first + 15000 - Date.now())));
  }
  form.addEventListener("input", function (e) { changed(); if (e.target.dataset.goal !== undefined) verdict(e.target); guide(e.target); });
  form.addEventListener("change", changed);
  // A submitted form carries everything; an autosave sent as the page
  // goes could reach the server after the save and bring it back as unsaved.
  form.addEventListener("submit", function () {
    dirty = false;
    if (timer) { clearTimeout(timer); timer = null; }
    if (pending && pending.ctl) pending.ctl.abort();
  });
  function leave() { if (dirty) { keepLocal(); autosave(true); } }
  window.addEventListener("pagehide", leave);
  document.addEventListener("visibilitychange", function () { if (document.visibilityState === "hidden") leave(); });
  window.addEventListener("beforeunload", function () { if (dirty) keepLocal(); });

  // A number with its target's unit after it ("2 sản phẩm", "2 san pham"):
  // the number, as vi.ParseNumberIn reads it.
  function fold(s) {
    return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase();
  }
  function parseIn(s, unit) {
    s = typed(s);
    var a = parseVi(s);
    unit = (unit || "").trim();
    if (!isNaN(a) || !unit || unit === "%") return a;
    var words = s.trim().split(/\s+/), uw = unit.split(/\s+/), n = words.length - uw.length;
    var num = words.slice(0, n).join(" ");
    if (n > 0 && num.indexOf("%") < 0 && fold(words.slice(n).join(" ")) === fold(uw.join(" "))) return parseVi(num);
    return NaN;
  }
  // What Word and Excel put in a number, as vi.ParseNumberIn (typedNumber)
  // reads it: a leading minus sign or en dash, no-break and thin spaces,
  // thousands grouped by spaces ("1 234,5", "12 500 triệu đồng").
  function typed(s) {
    s = s.replace(/[\u00a0\u202f\u2009\u2007]/g, " ").trim().replace(/^[\u2212\u2013]/, "-");
    var f = s.split(/\s+/);
    if (f.length > 2 && (f[0] === "-" || f[0] === "+")) f = [f[0] + f[1]].concat(f.slice(2));
    if (f.length < 2) return s;
    var lead = f[0].replace(/^[+-]+/, "");
    if (!/^[0-9]{1,3}$/.test(lead)) return s;
    var n = 1;
    while (n < f.length && isGroup(f[n], n === f.length - 1 || !isGroup(f[n + 1], false))) n++;
    return n === 1 ? s : [f.slice(0, n).join("")].concat(f.slice(n)).join(" ");
  }
  // Three digits, followed, when last, by the decimals or a percent sign.
  function isGroup(w, last) {
    if (!/^[0-9]{3}/.test(w)) return false;
    var rest = w.slice(3);
    if (!last || rest === "") return rest === "";
    rest = rest.replace(/%$/, "");
    return rest === "" || /^,[0-9]+$/.test(rest);
  }
  // Vietnamese numbers: "1.234,5", "15,2", "70%"; "15.2" read as a decimal.
  function parseVi(s) {
    s = s.trim().replace(/\s*%$/, "").replace(/^([+-])\s+/, "$1");
    if (!/^[+-]?[0-9.,]+$/.test(s)) return NaN;
    var parts = s.split(",");
    if (parts.length > 2) return NaN;
    var ip = parts[0], frac = parts[1];
    var groups = ip.replace(/^[+-]/, "").split(".");
    if (groups.length === 2 && frac === undefined && groups[1].length !== 3) {
      return parseFloat(ip);
    }
    if (groups.length > 1 && groups.slice(1).some(function (g) { return g.length !== 3; })) return NaN;
    return parseFloat(ip.replace(/\./g, "") + (frac !== undefined ? "." + frac : ""));
  }
  // Numbers written as the server writes them (vi.FormatNumber): "." between
  // groups of thousands, "," before the given number of decimals, so
  // 41150 with 1 decimal is "41.150,0".
  function fmt(x, decimals) {
    var s = Math.abs(x).toFixed(decimals), neg = x < 0 && Number(s) !== 0;
    var parts = s.split("."), ip = parts[0], out = "";
    for (var i = 0; i < ip.length; i++) {
      if (i > 0 && (ip.length - i) % 3 === 0) out += ".";
      out += ip[i];
    }
    return (neg ? "-" : "") + out + (parts[1] !== undefined ? "," + parts[1] : "");
  }

  // The same refusals as tiendo.Target.CheckValue, said while typing.
  function refused(input, a) {
    var unit = input.dataset.unit || "";
    if (/%\s*$/.test(input.value) && unit !== "%") {
      return unit ? "Chỉ tiêu này tính bằng " + unit + "; hãy ghi số " + unit + ", không ghi %." : "Chỉ tiêu này không tính bằng %; hãy ghi số, không ghi %.";
    }
    if (a < 0 && input.dataset.counted === "1") {
      return "Chỉ tiêu này tính bằng " + unit + " nên không thể là số âm; hãy ghi số " + unit + " (0 nếu chưa có).";
    }
    if (a < 0 && input.dataset.share === "1") {
      return "Chỉ tiêu này là một tỷ lệ nên không thể là số âm; hãy ghi tỷ lệ đã đạt (0% nếu chưa có).";
    }
    return "";
  }

  // The same rules as tiendo.Assess. The verdict describes the field
  // (aria-describedby); a value that cannot be read, or is refused, marks
  // the field invalid until it is fixed, as the server's message does
  // (which stays until the next save).
  function verdict(input) {
    var out = form.querySelector('output[for="' + input.id + '"]');
    if (!out) return;
    var a = parseIn(input.value, input.dataset.unit), g = Number(input.dataset.goal), cmp = input.dataset.cmp;
    var bad = function (msg) {
      out.textContent = msg;
      if (msg) input.setAttribute("aria-invalid", "true");
      else if (!document.getElementById(input.id + "-err")) input.removeAttribute("aria-invalid");
    };
    if (input.value.trim() === "") { bad(""); return; }
    if (isNaN(a)) { bad("Chưa đọc được số"); return; }
    var why = refused(input, a);
    bad(why);
    if (why) return;
    // A change ("giảm 3%", data-dir) is the change achieved, judged by the
    // comparator as it stands, as Assess judges it: a decrease of 3,2%
    // against "giảm 3%" goes beyond it.
    var v, r;
    if (cmp === "<=" || cmp === "<") {
      r = a === 0 ? 0 : g / a;
      if (cmp === "<" ? a < g : a === g) v = "Đạt"; else if (cmp === "<=" && a < g) v = "Vượt"; else v = "Chưa đạt";
    } else if (cmp === ">") {
      r = g === 0 ? 0 : a / g; v = a > g ? "Đạt" : "Chưa đạt";
    } else {
      r = g === 0 ? 0 : a / g; v = a > g ? "Vượt" : a === g ? "Đạt" : "Chưa đạt";
    }
    // consolidate.RatioWords: watch.RatioText's number and what it is a share of
    // (data-ratio: "kế hoạch", "mức giảm 3% đề ra"; "" where none is worded).
    var base = input.dataset.ratio || "";
    out.textContent = r > 0 && base && !(cmp === ">" && a >= g)
      ? v + " · bằng " + fmt(Math.round(r * 1000) / 10, 1).replace(/,0$/, "") + "% " + base : v;
  }

  // The upload field (outside the form element, but its field): say at once
  // that no file is chosen or that it is over the limit, rather than send
  // megabytes only to be refused.
  var file = document.getElementById("file"), attach = document.getElementById("attach");
  if (file && attach) {
    // The field sits with its button and the chosen file's name in a box
    // (js/filepick.js); the message goes below the box, as the server's does.
    var box = file.closest(".file-pick") || file;
    var serverError = function () {
      for (var el = box.nextElementSibling; el; el = el.nextElementSibling) {
        if (el.classList.contains("field-error")) return true;
      }
      return false;
    };
    var fileCheck = function (msg) {
      var old = document.getElementById("file-check");
      if (old) old.remove();
      if (!msg) { if (!serverError()) file.removeAttribute("aria-invalid"); return; }
      var el = document.createElement("small");
      el.id = "file-check";
      el.className = "field-error";
      el.setAttribute("role", "alert");
      el.textContent = msg;
      box.insertAdjacentElement("afterend", el);
      file.setAttribute("aria-invalid", "true");
    };
    file.addEventListener("change", function () { fileCheck(""); });
    attach.addEventListener("click", function (e) {
      var f = file.files && file.files[0], max = Number(file.dataset.max || 0), msg = "";
      if (!f) msg = "Hãy chọn một tệp để đính kèm.";
      else if (max && f.size > max) msg = "Tệp “" + f.name + "” quá lớn: tối đa " + Math.round(max / 1048576) + " MB mỗi tệp. Hãy nén hoặc chia nhỏ tệp rồi đính kèm lại.";
      fileCheck(msg);
      if (msg) {
        e.preventDefault();
        // The last step's message at the top ("Đã lưu … và đính kèm tệp")
        // would contradict this one.
        document.querySelectorAll("main .notice[role=status]").forEach(function (n) { n.remove(); });
        file.focus();
      }
    });
  }

  var limit = Number(form.dataset.guide || 0);
  function guide(el) {
    if (!limit || el.tagName !== "TEXTAREA") return;
    var hint = el.nextElementSibling && el.nextElementSibling.classList.contains("guide") ? el.nextElementSibling : null;
    if (!hint) {
      hint = document.createElement("small");
      hint.className = "guide muted";
      el.insertAdjacentElement("afterend", hint);
    }
    var n = el.value.length;
    hint.textContent = n + "/" + limit + " ký tự" + (n > limit ? " — văn bản yêu cầu báo cáo ngắn gọn, hãy rút gọn." : "");
    hint.classList.toggle("late", n > limit);
  }
  if (limit) form.querySelectorAll("textarea").forEach(guide);
})();
