// The charts of the round page and of the target page. Every number they
// write, on an axis or in a tooltip, is written the Vietnamese way, as the
// tables beside them are: "1.234,5", "99,1%".
(function () {
  "use strict";
  if (typeof Chart === "undefined") return;

  // viNumber writes n as vi.FormatNumber(n, decimals) does: "1.234,5".
  function viNumber(n, decimals) {
    var s = Math.abs(n).toFixed(decimals);
    var parts = s.split(".");
    var whole = parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, ".");
    var neg = n < 0 && /[1-9]/.test(s);
    return (neg ? "-" : "") + whole + (parts.length > 1 ? "," + parts[1] : "");
  }

  roundCharts();
  seriesChart();

  // roundCharts draws the round page's charts from the JSON the server put
  // in #chart-data. Each chart also has its table on the page, so nothing
  // here is needed to read the numbers: it only draws them. The tooltips
  // write a value as the table does (a count, or a percentage with one
  // decimal: the template's pct); a tick has a decimal only if it needs one.
  function roundCharts() {
    var el = document.getElementById("chart-data");
    if (!el) return;
    var data = JSON.parse(el.textContent);
    Chart.defaults.font.family = "system-ui, sans-serif";
    Chart.defaults.animation = false;

    function count(v) { return viNumber(v, 0); }
    function percent(v) { return viNumber(v, 1) + "%"; }
    function percentTick(v) { return viNumber(v, v % 1 ? 1 : 0) + "%"; }

    // opts.color is one colour for every point, or a function of the
    // point; a point's note (the server's words) goes under its value in
    // the tooltip.
    function draw(id, type, points, opts) {
      var canvas = document.getElementById(id);
      if (!canvas || !points || !points.length) return;
      canvas.parentElement.classList.add("has-chart");
      var value = opts.horizontal ? "x" : "y"; // the axis of the values
      var color = typeof opts.color === "function" ? points.map(opts.color) : opts.color;
      new Chart(canvas, {
        type: type,
        data: {
          // A point with a tick has it under its label, on a second line.
          labels: points.map(function (p) { return p.tick ? [p.label, p.tick] : p.label; }),
          // tension 0: straight segments, so a cumulative count never
          // overshoots between two days (a smoothed curve bulged above 4).
          datasets: [{ data: points.map(function (p) { return p.value; }), backgroundColor: color, borderColor: color, fill: false, tension: 0 }]
        },
        options: {
          indexAxis: opts.horizontal ? "y" : "x",
          plugins: {
            legend: { display: false },
            tooltip: { callbacks: {
              title: function (items) { return items.length ? points[items[0].dataIndex].label : ""; },
              label: function (ctx) { return opts.text(ctx.parsed[value]); },
              afterLabel: function (ctx) { return points[ctx.dataIndex].note || ""; }
            } }
          },
          scales: opts.scales,
          maintainAspectRatio: false
        },
        plugins: opts.plugins || []
      });
    }

    // goalLine draws a dashed line across the chart at 100 %: the target.
    var goalLine = {
      id: "goalLine",
      afterDatasetsDraw: function (chart) {
        var y = chart.scales.y.getPixelForValue(100), area = chart.chartArea, c = chart.ctx;
        c.save();
        c.strokeStyle = "#212121";
        c.lineWidth = 1.5;
        c.setLineDash([6, 4]);
        c.beginPath();
        c.moveTo(area.left, y);
        c.lineTo(area.right, y);
        c.stroke();
        c.restore();
      }
    };
    draw("chart-progress", "line", data.progress, { color: "#1565c0", text: count,
      scales: { y: { beginAtZero: true, max: data.expected, ticks: { precision: 0, callback: count } } } });
    // A task's bar is green when every target of it with data is met, red
    // when one is not (the server caps each target at 100 %, so that a
    // target exceeded does not hide one missed); the dashed line is 100 %.
    // The axis goes a little above 100 so that the line shows, with no
    // tick above it.
    draw("chart-attainment", "bar", data.attainment, {
      color: function (p) { return p.short ? "#c62828" : "#2e7d32"; }, text: percent, plugins: [goalLine],
      scales: { y: { beginAtZero: true, max: 110, ticks: { callback: percentTick },
        afterBuildTicks: function (axis) { axis.ticks = axis.ticks.filter(function (t) { return t.value <= 100; }); } } } });
    draw("chart-ontime", "bar", data.on_time, { color: "#ef6c00", horizontal: true, text: percent,
      scales: { x: { beginAtZero: true, max: 100, ticks: { callback: percentTick } } } });
  }

  // seriesChart draws a target's values over the rounds it carried through
  // (the target page): one line for each lead unit, the periods oldest
  // first. The server writes every number (tooltips) the Vietnamese way;
  // the axis writes its ticks by the same rule with the same number of
  // decimals.
  function seriesChart() {
    var el = document.getElementById("series-data");
    var canvas = document.getElementById("chart-series");
    if (!el || !canvas) return;
    var data = JSON.parse(el.textContent);
    if (!data.datasets || !data.datasets.length) return;
    var decimals = data.decimals || 0;
    // Okabe-Ito colours, told apart by most colour-blind readers; the point
    // shapes differ too.
    var colors = ["#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#000000", "#f0e442"];
    var shapes = ["circle", "rect", "triangle", "rectRot", "crossRot", "star", "rectRounded", "cross"];

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
  }
})();
