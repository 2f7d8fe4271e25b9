// Form controls with a visible label each, native elements underneath so they work from the
// keyboard and with screen readers as browsers make them.
import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';

export interface Choice<T> {
  value: T;
  label: string;
}

export function Select<T extends string | number>(props: {
  label: string;
  value: T;
  choices: readonly Choice<T>[];
  onChange: (value: T) => void;
  name?: string;
}) {
  const id = useId();
  const index = props.choices.findIndex((c) => c.value === props.value);
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      <select
        id={id}
        name={props.name}
        value={String(index)}
        onChange={(e) => {
          const choice = props.choices[Number(e.currentTarget.value)];
          if (choice !== undefined) props.onChange(choice.value);
        }}
      >
        {props.choices.map((c, i) => (
          <option key={c.label} value={String(i)}>
            {c.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function Slider(props: {
  label: string;
  value: number;
  min: number;
  max: number;
  step: number;
  onChange: (value: number) => void;
  format?: (value: number) => string;
  name?: string;
}) {
  const id = useId();
  const shown = props.format ? props.format(props.value) : String(props.value);
  return (
    <div class="field">
      <label for={id}>
        {props.label} <output for={id}>{shown}</output>
      </label>
      <input
        id={id}
        name={props.name}
        type="range"
        min={props.min}
        max={props.max}
        step={props.step}
        value={props.value}
        aria-valuetext={shown}
        onInput={(e) => props.onChange(Number(e.currentTarget.value))}
      />
    </div>
  );
}

export function Checkbox(props: {
  label: ComponentChildren;
  checked: boolean;
  onChange: (checked: boolean) => void;
  name?: string;
}) {
  return (
    <label class="check">
      <input
        type="checkbox"
        name={props.name}
        checked={props.checked}
        onChange={(e) => props.onChange(e.currentTarget.checked)}
      />
      {props.label}
    </label>
  );
}

/** A titled group of controls. */
export function Panel(props: { title: string; children: ComponentChildren; class?: string }) {
  return (
    <fieldset class={`panel ${props.class ?? ''}`}>
      <legend>{props.title}</legend>
      {props.children}
    </fieldset>
  );
}
