// A canvas to draw a digit on with a mouse, a pen or a finger (pointer events cover all three),
// white on black like MNIST. Every stroke sends the drawing, reduced to 28 × 28, to `onDigit`.
import { useEffect, useRef } from 'preact/hooks';
import { toMnist } from './preprocess';

/** The pad's drawing resolution; CSS scales it to the layout. */
const PAD = 280;

export function DrawPad({ onDigit }: { onDigit: (pixels: Float32Array | null) => void }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const last = useRef<[number, number] | null>(null);
  const pending = useRef(0);

  const ctx = () => ref.current?.getContext('2d', { willReadFrequently: true }) ?? null;

  const clear = () => {
    const c = ctx();
    if (c === null) return;
    c.fillStyle = '#000';
    c.fillRect(0, 0, PAD, PAD);
    onDigit(null);
  };
  useEffect(clear, []);

  /** Reads the ink and reports it, at most once per animation frame. */
  const report = () => {
    if (pending.current !== 0) return;
    pending.current = requestAnimationFrame(() => {
      pending.current = 0;
      const c = ctx();
      if (c === null) return;
      const rgba = c.getImageData(0, 0, PAD, PAD).data;
      const ink = new Float32Array(PAD * PAD);
      for (let i = 0; i < ink.length; i++) ink[i] = rgba[4 * i]! / 255;
      onDigit(toMnist(ink, PAD, PAD));
    });
  };

  const at = (e: PointerEvent): [number, number] => {
    const rect = (e.currentTarget as HTMLCanvasElement).getBoundingClientRect();
    return [
      ((e.clientX - rect.left) / rect.width) * PAD,
      ((e.clientY - rect.top) / rect.height) * PAD,
    ];
  };

  const line = (from: [number, number], to: [number, number]) => {
    const c = ctx();
    if (c === null) return;
    c.strokeStyle = '#fff';
    c.lineWidth = 20;
    c.lineCap = 'round';
    c.lineJoin = 'round';
    c.beginPath();
    c.moveTo(from[0], from[1]);
    c.lineTo(to[0], to[1]);
    c.stroke();
  };

  return (
    <div>
      <canvas
        ref={ref}
        width={PAD}
        height={PAD}
        class="pad"
        data-testid="pad"
        role="img"
        aria-label="Drawing pad: draw a digit with the mouse, a pen or a finger"
        onPointerDown={(e) => {
          (e.currentTarget as HTMLCanvasElement).setPointerCapture(e.pointerId);
          const p = at(e);
          last.current = p;
          line(p, p);
          report();
        }}
        onPointerMove={(e) => {
          if (last.current === null) return;
          const p = at(e);
          line(last.current, p);
          last.current = p;
          report();
        }}
        onPointerUp={() => {
          last.current = null;
        }}
        onPointerCancel={() => {
          last.current = null;
        }}
      />
      <div class="row">
        <button type="button" onClick={clear}>
          Clear
        </button>
      </div>
    </div>
  );
}
