// The "đôn đốc" button counts the units a press chases (watch.go's
// owing.Label), every one ticked when the page is drawn. When the office
// unticks some on the form, the button says how many are still ticked, so
// that it never offers more than it sends. Without JavaScript the button
// keeps its first words, and the notice after the press names the units
// chased and those left alone.
(function () {
  "use strict";
  var form = document.getElementById("nudge-form");
  if (!form) return;
  var button = form.querySelector("#nudge");
  var boxes = form.querySelectorAll('input[name="unit"]:not([disabled])');
  if (!button || button.disabled || !boxes.length) return;
  var label = button.textContent;
  function update() {
    var n = 0;
    boxes.forEach(function (b) { if (b.checked) n++; });
    button.disabled = n === 0;
    if (n === boxes.length) button.textContent = label;
    else if (n === 0) button.textContent = "Chưa chọn đơn vị nào để đôn đốc";
    else button.textContent = "Đôn đốc " + n + " đơn vị đã chọn";
  }
  form.addEventListener("change", update);
  // "Chọn tất cả" and "Bỏ chọn tất cả" above the list, where the office
  // would otherwise untick a hundred communes one by one to chase three.
  var list = form.querySelector(".chase-list");
  if (list && boxes.length > 1) {
    var bar = document.createElement("div");
    bar.className = "chase-all";
    [["Chọn tất cả", true], ["Bỏ chọn tất cả", false]].forEach(function (b) {
      var btn = document.createElement("button");
      btn.type = "button";
      btn.className = "secondary outline";
      btn.textContent = b[0];
      btn.addEventListener("click", function () {
        boxes.forEach(function (x) { x.checked = b[1]; });
        update();
      });
      bar.appendChild(btn);
    });
    list.parentNode.insertBefore(bar, list);
  }
  update();
})();
