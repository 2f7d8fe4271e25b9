// The network's class probabilities for the drawing, one bar per digit, the likeliest highlighted.

export function ProbabilityBars({ probabilities }: { probabilities: number[] | null }) {
  const top = probabilities === null ? -1 : probabilities.indexOf(Math.max(...probabilities));
  return (
    <div class="bars" data-testid="probabilities" aria-live="polite">
      {Array.from({ length: 10 }, (_, k) => {
        const p = probabilities?.[k] ?? 0;
        return [
          <span key={`d${k}`}>{k}</span>,
          <span key={`b${k}`} class={`bar ${k === top ? 'top' : ''}`}>
            <span style={{ width: `${p * 100}%` }} />
          </span>,
          <span key={`p${k}`} data-p={probabilities === null ? '' : String(p)}>
            {probabilities === null ? '' : `${(p * 100).toFixed(1)}%`}
          </span>,
        ];
      })}
    </div>
  );
}
