// The test digits the network gets wrong, most confident first, a page at a time.
import { useState } from 'preact/hooks';
import { Panel } from '../shared/controls';
import { formatNumber } from '../shared/scale';
import { DigitImage } from './digit-image';
import type { Mistake } from './protocol';

const PAGE = 24;

export function MistakesPanel({
  mistakes,
  images,
}: {
  mistakes: Mistake[];
  images: Uint8Array | null;
}) {
  const [page, setPage] = useState(0);
  const pages = Math.max(1, Math.ceil(mistakes.length / PAGE));
  const shown = Math.min(page, pages - 1);
  const count =
    mistakes.length > 0
      ? ` (${mistakes.length}${mistakes.length >= 120 ? '+' : ''}, most confident first)`
      : '';
  return (
    <Panel title={`Misclassified test digits${count}`}>
      {images === null || mistakes.length === 0 ? (
        <p class="small muted">Train the network to see which test digits it gets wrong.</p>
      ) : (
        <>
          <div class="gallery" data-testid="mistakes">
            {mistakes.slice(shown * PAGE, (shown + 1) * PAGE).map((m) => (
              <figure key={m.index}>
                <DigitImage
                  pixels={images.subarray(m.index * 784, (m.index + 1) * 784)}
                  label={`A ${m.label} taken for a ${m.predicted}`}
                />
                <figcaption>
                  {m.label} → <strong>{m.predicted}</strong> {formatNumber(m.confidence * 100, 2)}%
                </figcaption>
              </figure>
            ))}
          </div>
          <div class="row">
            <button type="button" disabled={shown === 0} onClick={() => setPage(shown - 1)}>
              Previous
            </button>
            <span class="small muted">
              page {shown + 1} of {pages}
            </span>
            <button type="button" disabled={shown >= pages - 1} onClick={() => setPage(shown + 1)}>
              Next
            </button>
          </div>
        </>
      )}
    </Panel>
  );
}
