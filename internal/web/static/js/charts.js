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
        // tension 0: straight segments, so a cumulative count never
        // overshoots between two days (a smoothed curve bulged above 4).
        datasets: [{ data: points.map(function (p) { return p.value; }), backgroundColor: opts.color, borderColor: opts.color, fill: false, tension: 0 }]
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

// A target's values over the rounds it carried through (the target page):
// one line for each lead unit, the periods oldest first. The server writes
// every number (tooltips) the Vietnamese way; the axis writes its ticks by
// the same rule (vi.FormatNumber) with the same number of decimals.
(function () {
  "use strict";
  var el = document.getElementById("series-data");
  var canvas = document.getElementById("chart-series");
  if (!el || !canvas || typeof Chart === "undefined") return;
  var data = JSON.parse(el.textContent);
  if (!data.datasets || !data.datasets.length) return;
  var decimals = data.decimals || 0;
  // Okabe-Ito colours, told apart by most colour-blind readers; the point
  // shapes differ too.
  var colors = ["#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#000000", "#f0e442"];
  var shapes = ["circle", "rect", "triangle", "rectRot", "crossRot", "star", "rectRounded", "cross"];

  // viNumber writes n as vi.FormatNumber(n, decimals) does: "1.234,5".
  function viNumber(n, decimals) {
    var s = Math.abs(n).toFixed(decimals);
    var parts = s.split(".");
    var whole = parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, ".");
    var neg = n < 0 && /[1-9]/.test(s);
    return (neg ? "-" : "") + whole + (parts.length > 1 ? "," + parts[1] : "");
  }

  canvas.parentElement.classList.add("has-chart");
  new Chart(canvas, {
    type: "line",
    data: {
      labels: data.labels,
      datasets: data.datasets.map(function (d, i) {
        var c = colors[i % colors.length];
        return {
          label: d.label, data: d.values, texts: d.texts,
          borderColor: c, backgroundColor: c, pointStyle: shapes[i % shapes.length],
          pointRadius: 4, pointHoverRadius: 6, tension: 0, spanGaps: false
        };
      })
    },
    options: {
      animation: false,
      maintainAspectRatio: false,
      interaction: { mode: "index", intersect: false },
      plugins: {
        legend: { display: true, position: "bottom", labels: { usePointStyle: true } },
        tooltip: {
          usePointStyle: true,
          callbacks: {
            label: function (ctx) {
              var t = ctx.dataset.texts && ctx.dataset.texts[ctx.dataIndex];
              return ctx.dataset.label + ": " + (t || viNumber(ctx.parsed.y, decimals) + (data.unit || ""));
            }
          }
        }
      },
      scales: {
        x: { offset: true }, // the first and last periods off the axes
        y: {
          // From zero, and up to the first tick above the largest value
          // (bounds "ticks"); no tick is skipped, so the top one is labelled.
          beginAtZero: true,
          grace: "5%",
          ticks: {
            precision: decimals, autoSkip: false, maxTicksLimit: 7,
            callback: function (v) { return viNumber(v, decimals); }
          }
        }
      }
    }
  });
})();
