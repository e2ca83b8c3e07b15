/** Form controls the sections share: a typed select, the logarithmic density slider, a commit-on-Enter number field. */
import { useState, type ReactNode } from 'react';
import { fmtCount, fmtDensity } from '../model/format';
import { densityFromSlider, sliderFromDensity } from './density-slider';

export interface Option<V> {
  value: V;
  label: ReactNode;
  disabled?: boolean;
}

/** A <select> over typed values: the change handler gets one of `options`' values, never a raw string. */
export function EnumSelect<V extends string | number>({
  name,
  value,
  options,
  onChange,
  action,
  testId,
  disabled,
}: {
  name: string;
  value: V;
  options: readonly Option<V>[];
  onChange(value: V): void;
  /** data-action hook for tests. */
  action?: string;
  testId?: string;
  disabled?: boolean;
}) {
  return (
    <select
      name={name}
      data-action={action}
      data-testid={testId}
      value={String(value)}
      disabled={disabled}
      onChange={(e) => {
        const picked = options.find((o) => String(o.value) === e.target.value);
        if (picked) onChange(picked.value);
      }}
    >
      {options.map((o) => (
        <option key={String(o.value)} value={String(o.value)} disabled={o.disabled}>
          {o.label}
        </option>
      ))}
    </select>
  );
}

export interface SliderProps {
  /** The control's caption, usually with the value in an <output>. */
  label: ReactNode;
  name: string;
  min: number;
  max: number;
  step?: number;
  value: number;
  onChange(value: number): void;
  ariaLabel?: string;
  /** data-action hook for tests. */
  action?: string;
}

/** A labelled range input of numbers. */
export function Slider({ label, name, min, max, step = 1, value, onChange, ariaLabel, action }: SliderProps) {
  return (
    <label className="control">
      <span>{label}</span>
      <input
        type="range"
        name={name}
        data-action={action}
        aria-label={ariaLabel}
        min={min}
        max={max}
        step={step}
        value={value}
        onChange={(e) => onChange(Number(e.target.value))}
      />
    </label>
  );
}

/**
 * A density 1 − S on a logarithmic slider (10^0 … 10^−3), as at a glance and in the footnote
 * experiments: "`caption` <output>0.050</output> `note`".
 */
export function LogDensitySlider({
  caption,
  note,
  outputTestId,
  value,
  onChange,
  ...rest
}: Omit<SliderProps, 'min' | 'max' | 'step' | 'label'> & { caption: string; note?: ReactNode; outputTestId?: string }) {
  const label = (
    <>
      {caption} <output data-testid={outputTestId}>{fmtDensity(value)}</output>
      {note ? <> {note}</> : null}
    </>
  );
  return (
    <Slider
      {...rest}
      label={label}
      min={0}
      max={3}
      step={0.05}
      value={sliderFromDensity(value)}
      onChange={(t) => onChange(densityFromSlider(t))}
    />
  );
}

/**
 * A whole-number input that commits on Enter or blur (typing "200" over "40" must not restart a
 * run at n = 2 and n = 20 on the way); out-of-range or malformed text snaps back.
 */
export function NumberField({
  label,
  name,
  spec,
  value,
  onCommit,
  className,
}: {
  label: string;
  name: string;
  spec: { min: number; max: number };
  value: number;
  onCommit(v: number): void;
  className?: string;
}) {
  const [draft, setDraft] = useState<string | null>(null);
  const commit = () => {
    if (draft === null) return;
    const v = Number(draft.trim());
    setDraft(null);
    if (draft.trim() !== '' && Number.isInteger(v) && v >= spec.min && v <= spec.max && v !== value) onCommit(v);
  };
  return (
    <label className={`control ${className ?? ''}`.trim()}>
      <span>{label}</span>
      <input
        type="number"
        name={name}
        min={spec.min}
        max={spec.max}
        step={1}
        value={draft ?? String(value)}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          if (e.key === 'Escape') setDraft(null);
        }}
      />
      <small>
        {spec.min}–{fmtCount(spec.max)}
      </small>
    </label>
  );
}

/** One row of a DataTable: its cells, and optionally a class and data-* attributes (test hooks). */
export interface TableRow {
  key: string | number;
  cells: ReactNode[];
  className?: string;
  data?: Record<string, string | number>;
}

/** A plain table of numbers with a header row (the sections' result tables). */
export function DataTable({
  className,
  testId,
  caption,
  head,
  rows,
}: {
  className: string;
  testId: string;
  caption?: ReactNode;
  head: readonly ReactNode[];
  rows: readonly TableRow[];
}) {
  return (
    <table className={className} data-testid={testId}>
      {caption ? <caption>{caption}</caption> : null}
      <thead>
        <tr>
          {head.map((h, i) => (
            <th key={i} scope="col">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr
            key={r.key}
            className={r.className}
            {...Object.fromEntries(Object.entries(r.data ?? {}).map(([k, v]) => [`data-${k}`, v]))}
          >
            {r.cells.map((c, i) => (
              <td key={i}>{c}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
