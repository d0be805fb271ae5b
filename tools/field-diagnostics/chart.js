// The live count chart's scale and labels (pure functions, unit-tested in tests/web), and the
// chart itself on uPlot (vendored: uPlot.iife.min.js, loaded as a classic script by index.html).

// Headroom above the highest count, and how far above the data the limit may be and still be drawn.
const HEADROOM = 1.15;
const LIMIT_IN_RANGE = 3;

// The y range for the samples: scaled to the data (a few hundred bots is not a flat line at the
// bottom), with the count limit drawn when it is within LIMIT_IN_RANGE times the highest count.
export function countRange(counts, limit) {
  const highest = Math.max(0, ...counts);
  const lowest = Math.min(...counts, highest);
  const limitShown = limit > 0 && limit <= LIMIT_IN_RANGE * Math.max(highest, 1);
  const top = Math.max(highest, limitShown ? limit : 0);
  const max = Math.max(10, Math.ceil(top * HEADROOM));
  // A count far above zero (holding near target) keeps some floor so its changes are visible.
  const min = lowest > 0.5 * highest && !limitShown ? Math.floor(lowest * 0.9) : 0;
  return { min, max, limitShown };
}

export const fmtCount = (v) => (v == null ? '—' : Math.round(v).toLocaleString('en'));

export function limitLabel(limit, shown) {
  if (!limit) return 'Count limit (none armed)';
  return shown ? `Count limit ${fmtCount(limit)}` : `Count limit ${fmtCount(limit)} (far above: not drawn)`;
}

// A uPlot chart of count over local time, with a legend (count, limit) and axis labels.
export class CountChart {
  constructor(element, uPlot) {
    this.element = element;
    this.uPlot = uPlot;
    this.times = [];
    this.counts = [];
    this.limit = 0;
    this.range = countRange([], 0);
    const chart = this;
    this.plot = new uPlot({
      width: Math.max(280, element.clientWidth || 640),
      height: 240,
      scales: {
        x: { time: true },
        y: { range: () => [chart.range.min, chart.range.max] },
      },
      series: [
        { label: 'Time', value: (u, v) => (v == null ? '—' : new Date(v * 1000).toLocaleTimeString('en-GB')) },
        { label: 'Nanobot count', stroke: '#1d3557', width: 2, value: (u, v) => fmtCount(v) },
        { label: limitLabel(0, false), stroke: '#b00020', width: 1.5, dash: [6, 6], value: (u, v) => fmtCount(v) },
      ],
      axes: [
        { label: 'local time', stroke: '#555' },
        { label: 'nanobots', stroke: '#555', size: 72, values: (u, ticks) => ticks.map(fmtCount) },
      ],
      legend: { live: true },
    }, [[], [], []], element);
    window.addEventListener('resize', () => this.plot.setSize({ width: Math.max(280, element.clientWidth || 640), height: 240 }));
  }

  add(timeSeconds, count, limit, maxSamples) {
    this.times.push(timeSeconds);
    this.counts.push(count);
    if (this.times.length > maxSamples) {
      this.times.shift();
      this.counts.shift();
    }
    this.limit = limit;
    this.range = countRange(this.counts, limit);
    const limits = this.counts.map(() => (this.range.limitShown ? limit : null));
    const label = this.element.querySelectorAll('.u-legend .u-series')[2]?.querySelector('.u-label');
    if (label) label.textContent = limitLabel(limit, this.range.limitShown);
    this.plot.setData([this.times, this.counts, limits]);
  }

  // What the browser test checks: the scale, the legend, whether the limit is drawn.
  state() {
    return {
      yMin: this.plot.scales.y.min,
      yMax: this.plot.scales.y.max,
      xIsTime: this.plot.scales.x.time === true,
      limitShown: this.range.limitShown,
      samples: this.times.length,
      legend: [...this.element.querySelectorAll('.u-legend .u-label')].map((e) => e.textContent),
      axes: [...this.element.querySelectorAll('.u-axis')].length,
    };
  }
}
