// Draws the round page's charts from the JSON the server put in
// #chart-data. Each chart also has its table on the page, so nothing here is
// needed to read the numbers: it only draws them.
(function () {
  "use strict";
  var el = document.getElementById("chart-data");
  if (!el || typeof Chart === "undefined") return;
  var data = JSON.parse(el.textContent);
  Chart.defaults.font.family = "system-ui, sans-serif";
  Chart.defaults.animation = false;

  function draw(id, type, points, opts) {
    var canvas = document.getElementById(id);
    if (!canvas || !points || !points.length) return;
    canvas.parentElement.classList.add("has-chart");
    new Chart(canvas, {
      type: type,
      data: {
        labels: points.map(function (p) { return p.label; }),
        datasets: [{ data: points.map(function (p) { return p.value; }), backgroundColor: opts.color, borderColor: opts.color, fill: false, tension: 0.2 }]
      },
      options: {
        indexAxis: opts.horizontal ? "y" : "x",
        plugins: { legend: { display: false } },
        scales: opts.scales,
        maintainAspectRatio: false
      }
    });
  }
  draw("chart-progress", "line", data.progress, { color: "#1565c0", scales: { y: { beginAtZero: true, max: data.expected, ticks: { precision: 0 } } } });
  draw("chart-attainment", "bar", data.attainment, { color: "#2e7d32", scales: { y: { beginAtZero: true, suggestedMax: 120 } } });
  draw("chart-ontime", "bar", data.on_time, { color: "#ef6c00", horizontal: true, scales: { x: { beginAtZero: true, max: 100 } } });
})();

// A target's series over the rounds it carried through (the target page).
(function () {
  "use strict";
  var el = document.getElementById("series-data");
  var canvas = document.getElementById("chart-series");
  if (!el || !canvas || typeof Chart === "undefined") return;
  var points = JSON.parse(el.textContent);
  canvas.parentElement.classList.add("has-chart");
  new Chart(canvas, {
    type: "line",
    data: { labels: points.map(function (p) { return p.label; }), datasets: [{ data: points.map(function (p) { return p.value; }), borderColor: "#1565c0", backgroundColor: "#1565c0" }] },
    options: { plugins: { legend: { display: false } }, animation: false, maintainAspectRatio: false, scales: { y: { beginAtZero: true } } }
  });
})();
