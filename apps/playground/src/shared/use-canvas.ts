import { type Inputs, useEffect, useRef } from 'preact/hooks';
import { fitCanvas } from './canvas';

/**
 * A canvas ref that calls `draw` with a CSS-pixel context whenever `inputs` change and whenever
 * the canvas is resized (the layout is responsive, so its size is not known in advance).
 */
export function useCanvas(
  draw: (ctx: CanvasRenderingContext2D, width: number, height: number) => void,
  inputs: Inputs,
) {
  const ref = useRef<HTMLCanvasElement>(null);
  const drawRef = useRef(draw);
  drawRef.current = draw;
  const redraw = () => {
    const canvas = ref.current;
    if (canvas === null) return;
    const ctx = fitCanvas(canvas);
    if (ctx !== null) drawRef.current(ctx, canvas.clientWidth, canvas.clientHeight);
  };
  useEffect(redraw, inputs);
  useEffect(() => {
    const canvas = ref.current;
    if (canvas === null) return;
    const observer = new ResizeObserver(redraw);
    observer.observe(canvas);
    return () => observer.disconnect();
  }, []);
  return ref;
}
