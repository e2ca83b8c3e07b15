/** "Paper figure": an experiment's presets; picking one sets all of the experiment's settings. */
import { useId, useState } from 'react';
import type { Preset } from '../state/presets';

export function PresetMenu({
  id: experimentId,
  presets,
  onPick,
}: {
  id: string;
  presets: readonly Preset[];
  onPick(params: URLSearchParams): void;
}) {
  const [picked, setPicked] = useState('');
  const id = useId();
  const current = presets.find((p) => p.id === picked);
  return (
    <div className="preset-menu">
      <label htmlFor={id}>Paper figure</label>
      <select
        id={id}
        name={`preset-${experimentId}`}
        value={picked}
        onChange={(e) => {
          const preset = presets.find((p) => p.id === e.target.value);
          setPicked(e.target.value);
          if (preset) onPick(new URLSearchParams(preset.params));
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
