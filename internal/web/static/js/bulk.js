// The bulk import pages. While a workbook uploads, a progress bar follows
// htmx's upload progress events; once the file is sent, the bar waits while
// the server reads and compares it. The server's answer is shown even when
// it is a refusal (a 422 naming what is wrong with the file, a 413), which
// htmx would otherwise drop. The confirmation button cannot be pressed
// twice, and says that hashing new passwords takes a moment. Without
// JavaScript both forms work as plain forms.
(function () {
  "use strict";
  if (window.tiendoBulk) return; // htmx runs this script again when it swaps the page in
  window.tiendoBulk = true;

  function parts(form) {
    return {
      bar: form.querySelector(".bulk-progress"),
      status: form.querySelector(".bulk-status"),
      button: form.querySelector("button[type=submit]")
    };
  }
  // The upload form that made the request. htmx fires beforeSwap on the
  // element to be swapped (main, which detail.elt then names too); the
  // request's own element is in requestConfig.
  function upload(e) {
    var d = e.detail || {};
    var el = (d.requestConfig && d.requestConfig.elt) || e.target;
    return el && el.closest ? el.closest("form.bulk-upload") : null;
  }

  document.addEventListener("htmx:beforeRequest", function (e) {
    var form = upload(e);
    if (!form) return;
    var p = parts(form);
    form.dataset.sent = "";
    p.bar.hidden = false;
    p.bar.value = 0;
    p.status.textContent = "Đang tải tệp lên…";
    p.button.disabled = true;
  });

  // htmx reports both the upload's progress and then the answer's download
  // under one name; only the first belongs to the bar.
  document.addEventListener("htmx:xhr:progress", function (e) {
    var form = upload(e);
    if (!form || form.dataset.sent === "1" || !e.detail.lengthComputable || !e.detail.total) return;
    var p = parts(form);
    var pct = Math.floor(100 * e.detail.loaded / e.detail.total);
    if (pct < 100) {
      p.bar.value = pct;
      p.status.textContent = "Đang tải tệp lên: " + pct + "%";
      return;
    }
    form.dataset.sent = "1";
    p.bar.removeAttribute("value"); // no value: the bar shows work without an end known
    p.status.textContent = "Đã tải lên xong. Đang đọc tệp và so sánh với dữ liệu hiện có…";
  });

  document.addEventListener("htmx:beforeSwap", function (e) {
    if (upload(e) && e.detail.xhr.status >= 400) {
      e.detail.shouldSwap = true;
      e.detail.isError = false;
    }
  });

  function failed(e) {
    var form = upload(e);
    if (!form) return;
    var p = parts(form);
    p.bar.hidden = true;
    p.button.disabled = false;
    p.status.textContent = "Không gửi được tệp (mất kết nối hoặc máy chủ không trả lời). Hãy kiểm tra mạng rồi bấm “Tải lên và xem trước” lần nữa.";
  }
  document.addEventListener("htmx:sendError", failed);
  document.addEventListener("htmx:timeout", failed);

  document.addEventListener("submit", function (e) {
    var form = e.target.closest ? e.target.closest("form.bulk-apply") : null;
    if (!form) return;
    var p = parts(form);
    p.bar.hidden = false;
    p.status.textContent = "Đang nhập vào hệ thống… Tạo và mã hóa mật khẩu cho nhiều tài khoản có thể mất vài giây; xin đừng đóng trang.";
    // Disabled after the browser has taken the submission, not before.
    setTimeout(function () { p.button.disabled = true; }, 0);
  });
})();
