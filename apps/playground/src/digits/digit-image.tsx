import { useEffect, useRef } from 'preact/hooks';

/** One 28 × 28 digit from bytes (white on black), drawn pixel for pixel and scaled by CSS. */
export function DigitImage({ pixels, label }: { pixels: Uint8Array; label: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    const image = ctx.createImageData(28, 28);
    for (let i = 0; i < 784; i++) {
      const v = pixels[i]!;
      image.data.set([v, v, v, 255], 4 * i);
    }
    ctx.putImageData(image, 0, 0);
  }, [pixels]);
  return <canvas ref={ref} width={28} height={28} role="img" aria-label={label} />;
}
