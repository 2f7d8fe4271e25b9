import { useEffect, useRef } from 'preact/hooks';
import { fitCanvas } from './canvas';
import { type ChartSpec, drawLineChart } from './line-chart';

/** A canvas chart that redraws when its spec changes or its box is resized. */
export function LineChart({
  spec,
  label,
  class: cls,
}: {
  spec: ChartSpec;
  label: string;
  class?: string;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  const specRef = useRef(spec);
  specRef.current = spec;
  const draw = () => {
    const canvas = ref.current;
    if (canvas === null) return;
    const ctx = fitCanvas(canvas);
    if (ctx !== null) drawLineChart(ctx, canvas.clientWidth, canvas.clientHeight, specRef.current);
  };
  useEffect(draw, [spec]);
  useEffect(() => {
    const canvas = ref.current;
    if (canvas === null) return;
    const observer = new ResizeObserver(draw);
    observer.observe(canvas);
    return () => observer.disconnect();
  }, []);
  return <canvas ref={ref} class={cls ?? 'chart'} role="img" aria-label={label} />;
}
