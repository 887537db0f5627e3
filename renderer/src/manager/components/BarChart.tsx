// A plain SVG bar chart: one bar per item, value labels on the bars, an optional 100 % line.
// No chart library: the report needs bars and labels, and SVG prints crisp and passes the CSP.
export interface Bar {
  key: string;
  label: string;
  value: number;
  /** Written over the bar instead of the value (e.g. money, "$1.2K"). */
  valueLabel?: string;
  /** Spoken and shown on hover: the full figure in words. */
  title: string;
}

interface BarChartProps {
  bars: readonly Bar[];
  /** The top of the scale (100 for percentages); default the largest value. */
  max?: number;
  unit?: string;
  caption: string;
  emptyText: string;
}

const BAR_WIDTH = 34;
const GAP = 14;
const HEIGHT = 180;
/** Room under the axis for the labels, slanted so a date and time fit under a narrow bar. */
const LABEL_SPACE = 84;
const TOP_SPACE = 18;
/** Room left of the first bar for its slanted label. */
const LEFT_SPACE = 72;

export function BarChart({ bars, max, unit = '', caption, emptyText }: BarChartProps) {
  if (bars.length === 0) return <p className="mgr-muted mgr-chart-empty">{emptyText}</p>;
  const top = Math.max(max ?? 0, ...bars.map((b) => b.value), 1);
  const width = LEFT_SPACE + bars.length * (BAR_WIDTH + GAP);
  return (
    <figure className="mgr-chart">
      {/* Many bars scroll sideways; the scroller takes focus so a keyboard can scroll it too. */}
      <div className="mgr-chart-scroll" tabIndex={0}>
        <svg viewBox={`0 0 ${width} ${HEIGHT + LABEL_SPACE + TOP_SPACE}`} width={width} role="img" aria-label={caption}>
          <line className="mgr-chart-axis" x1={0} x2={width} y1={TOP_SPACE + HEIGHT} y2={TOP_SPACE + HEIGHT} />
          {max !== undefined && <line className="mgr-chart-full" x1={0} x2={width} y1={TOP_SPACE} y2={TOP_SPACE} />}
          {bars.map((bar, i) => {
            const h = Math.round((Math.max(bar.value, 0) / top) * HEIGHT);
            const x = LEFT_SPACE + i * (BAR_WIDTH + GAP);
            return (
              <g key={bar.key} data-bar={bar.key}>
                <title>{bar.title}</title>
                <rect className="mgr-chart-bar" x={x} y={TOP_SPACE + HEIGHT - h} width={BAR_WIDTH} height={h} rx={3} />
                <text className="mgr-chart-value" x={x + BAR_WIDTH / 2} y={TOP_SPACE + HEIGHT - h - 4} textAnchor="middle">
                  {bar.valueLabel ?? `${bar.value}${unit}`}
                </text>
                <text
                  className="mgr-chart-label"
                  x={x + BAR_WIDTH / 2}
                  y={TOP_SPACE + HEIGHT + 12}
                  textAnchor="end"
                  transform={`rotate(-35 ${x + BAR_WIDTH / 2} ${TOP_SPACE + HEIGHT + 12})`}
                >
                  {bar.label}
                </text>
              </g>
            );
          })}
        </svg>
      </div>
      <figcaption>{caption}</figcaption>
    </figure>
  );
}
