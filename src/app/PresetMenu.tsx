/** "Paper figures": a section's presets; picking one sets all of the section's settings. */
import { useId, useState } from 'react';
import { PRESETS, type PresetSection } from '../state/presets';
import { parseParams, type ParamTable } from '../state/url-params';

export function PresetMenu({ section, table, onPick }: { section: PresetSection; table: ParamTable; onPick(values: Record<string, unknown>): void }) {
  const presets = PRESETS.filter((p) => p.section === section);
  const [picked, setPicked] = useState('');
  const id = useId();
  const current = presets.find((p) => p.id === picked);
  return (
    <div className="preset-menu">
      <label htmlFor={id}>Paper figure</label>
      <select
        id={id}
        name={`preset-${section}`}
        value={picked}
        onChange={(e) => {
          const preset = presets.find((p) => p.id === e.target.value);
          setPicked(e.target.value);
          // Defaults for every key the preset leaves out: a preset is the whole view.
          if (preset) onPick(parseParams(table, new URLSearchParams(preset.params)).values);
        }}
      >
        <option value="">— choose a preset —</option>
        {presets.map((p) => (
          <option key={p.id} value={p.id}>
            {p.title}
          </option>
        ))}
      </select>
      {current ? <p className="preset-description">{current.description}</p> : null}
    </div>
  );
}
