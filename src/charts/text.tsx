/**
 * Text in a chart: one component for every label, at one of the theme's type sizes (TYPE), that
 * sets the math in it as math. `W_i`, `Σ_{j≠i}`, `‖W‖_F^2` come out with real sub- and
 * superscripts — <tspan>s shifted with dy, which every SVG renderer honours (baseline-shift is
 * not implemented in Firefox) — so an exported figure reads like the paper's.
 */
import type { ReactElement, ReactNode } from 'react';
import { MUTED_TEXT_COLOR, TEXT_COLOR, TYPE, px } from './theme';

export type TypeRole = keyof typeof TYPE;

/** A run of text on the baseline, lowered (sub) or raised (sup). */
export interface MathRun {
  text: string;
  shift: 'sub' | 'sup' | null;
}

/**
 * Splits `a_b`, `a_{bc}`, `a^b`, `a^{bc}` into runs; a `_` or `^` with nothing after it stays
 * literal. Braces group only right after `_` or `^`.
 */
export function mathRuns(s: string): MathRun[] {
  const runs: MathRun[] = [];
  const push = (text: string, shift: MathRun['shift']) => {
    if (!text) return;
    const last = runs[runs.length - 1];
    if (last && last.shift === shift) last.text += text;
    else runs.push({ text, shift });
  };
  let k = 0;
  while (k < s.length) {
    const c = s[k];
    const next = s[k + 1];
    if ((c === '_' || c === '^') && next !== undefined && next !== ' ') {
      const shift = c === '_' ? 'sub' : 'sup';
      if (next === '{') {
        const close = s.indexOf('}', k + 2);
        if (close > k + 2) {
          push(s.slice(k + 2, close), shift);
          k = close + 1;
          continue;
        }
      } else {
        // One character (a whole code point, so an astral symbol is not split).
        const ch = String.fromCodePoint(s.codePointAt(k + 1)!);
        push(ch, shift);
        k += 1 + ch.length;
        continue;
      }
    }
    push(c, null);
    k++;
  }
  return runs;
}

/** Sub- and superscripts: 3/4 of the size, lowered by 0.25 em or raised by 0.4 em. */
const SCRIPT_SCALE = 0.75;
const SHIFT_EM = { sub: 0.25, sup: -0.4 } as const;

/** The children of a <text>: the string itself, or tspans when it holds math. */
function mathChildren(s: string, size: number): ReactNode {
  const runs = mathRuns(s);
  if (runs.every((r) => r.shift === null)) return s;
  let offset = 0;
  return runs.map((r, k) => {
    const target = r.shift ? SHIFT_EM[r.shift] * size : 0;
    const dy = px(target - offset);
    offset = target;
    return r.shift || dy !== 0 ? (
      <tspan key={k} dy={dy || undefined} fontSize={r.shift ? px(size * SCRIPT_SCALE) : undefined}>
        {r.text}
      </tspan>
    ) : (
      r.text
    );
  });
}

export interface TextProps {
  x: number;
  y: number;
  children: string | number;
  /** The theme type size (default 'tick'), or a size in px where it follows the data (cell-sized index labels). */
  role?: TypeRole | number;
  /** 'muted' (default for tick-sized and smaller text), 'text', or a colour. */
  tone?: 'text' | 'muted' | (string & {});
  anchor?: 'start' | 'middle' | 'end';
  baseline?: 'central' | 'hanging';
  weight?: 600;
  italic?: boolean;
  /** Rotation in degrees about (x, y) (−90: reads bottom to top). */
  rotate?: number;
  opacity?: number;
  dx?: number;
  [data: `data-${string}`]: string | number | undefined;
}

/** A label at a theme size, with its math typeset. */
export function Text({
  x,
  y,
  children,
  role = 'tick',
  tone,
  anchor,
  baseline,
  weight,
  italic,
  rotate,
  opacity,
  dx,
  ...data
}: TextProps): ReactElement {
  const size = typeof role === 'number' ? px(role) : TYPE[role];
  const fill =
    tone === 'text' || (tone === undefined && size > TYPE.tick)
      ? TEXT_COLOR
      : tone === undefined || tone === 'muted'
        ? MUTED_TEXT_COLOR
        : tone;
  const X = px(x);
  const Y = px(y);
  return (
    <text
      {...data}
      x={X}
      y={Y}
      dx={dx}
      textAnchor={anchor}
      dominantBaseline={baseline}
      fontSize={size}
      fontWeight={weight}
      fontStyle={italic ? 'italic' : undefined}
      fill={fill}
      opacity={opacity}
      transform={rotate ? `rotate(${rotate} ${X} ${Y})` : undefined}
    >
      {mathChildren(String(children), size)}
    </text>
  );
}
