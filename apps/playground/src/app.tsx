// The page: a header with one tab per view, and the chosen view. The whole state lives in the
// URL (replaced, not pushed, as controls move), so a copied link reproduces the run.
import { useEffect, useState } from 'preact/hooks';
import { ClassifyView } from './classify/classify-view';
import { DigitsView } from './digits/digits-view';
import { OptimizersView } from './optimizers/optimizers-view';
import { PerceptronView } from './perceptron/perceptron-view';
import type { AppState } from './state/app-state';
import type { View } from './state/options';
import { normalizeState, parseState, serializeState } from './state/url-state';

const TABS: { view: View; label: string; blurb: string }[] = [
  { view: 'classify', label: 'Classify', blurb: 'Train a small network on 2-D data' },
  { view: 'perceptron', label: 'Perceptron', blurb: 'Rosenblatt’s rule, update by update' },
  { view: 'optimizers', label: 'Optimizers', blurb: 'Race gradient methods on loss surfaces' },
  { view: 'digits', label: 'Digits', blurb: 'Learn handwritten digits, then draw one' },
];

function fromLocation(): AppState {
  return parseState(globalThis.location.search.slice(1));
}

export function App() {
  const [state, setState] = useState<AppState>(fromLocation);

  useEffect(() => {
    const query = serializeState(state);
    const url = `${location.pathname}${query === '' ? '' : `?${query}`}${location.hash}`;
    if (url !== `${location.pathname}${location.search}${location.hash}`) {
      history.replaceState(null, '', url);
    }
  }, [state]);
  useEffect(() => {
    const onPop = () => setState(fromLocation());
    addEventListener('popstate', onPop);
    return () => removeEventListener('popstate', onPop);
  }, []);

  const update = (patch: Partial<AppState>) => setState((s) => normalizeState({ ...s, ...patch }));
  const tab = TABS.find((t) => t.view === state.view)!;
  const onTabKey = (e: KeyboardEvent) => {
    // Arrow keys move between tabs, as the ARIA tabs pattern asks.
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (step === 0) return;
    const i = (TABS.indexOf(tab) + step + TABS.length) % TABS.length;
    update({ view: TABS[i]!.view });
    document.getElementById(`tab-${TABS[i]!.view}`)?.focus();
  };

  return (
    <>
      <header class="top">
        <h1>
          <span class="nabla">∇</span> Nabla playground
        </h1>
        <div role="tablist" aria-label="Views" tabIndex={-1} onKeyDown={onTabKey}>
          {TABS.map((t) => (
            <button
              type="button"
              role="tab"
              id={`tab-${t.view}`}
              key={t.view}
              aria-selected={t.view === state.view}
              aria-controls="view"
              tabIndex={t.view === state.view ? 0 : -1}
              title={t.blurb}
              onClick={() => update({ view: t.view })}
            >
              {t.label}
            </button>
          ))}
        </div>
      </header>
      <main id="view" data-view={state.view}>
        <div role="tabpanel" aria-labelledby={`tab-${state.view}`}>
          <p class="blurb">{tab.blurb}.</p>
          {state.view === 'classify' && (
            <ClassifyView
              state={state.classify}
              seed={state.seed}
              onChange={(p) => update({ classify: { ...state.classify, ...p } })}
              onSeed={(seed) => update({ seed })}
            />
          )}
          {state.view === 'perceptron' && (
            <PerceptronView
              state={state.perceptron}
              seed={state.seed}
              onChange={(p) => update({ perceptron: { ...state.perceptron, ...p } })}
              onSeed={(seed) => update({ seed })}
            />
          )}
          {state.view === 'optimizers' && (
            <OptimizersView
              state={state.optimizers}
              onChange={(p) => update({ optimizers: { ...state.optimizers, ...p } })}
            />
          )}
          {state.view === 'digits' && (
            <DigitsView
              state={state.digits}
              seed={state.seed}
              onChange={(p) => update({ digits: { ...state.digits, ...p } })}
            />
          )}
        </div>
      </main>
      <footer class="foot">
        Every number here is computed in your browser by Nabla’s own packages — tensors, autograd,
        layers, losses and optimizers — in a Web Worker. The link in the address bar reproduces this
        page exactly.
      </footer>
    </>
  );
}
