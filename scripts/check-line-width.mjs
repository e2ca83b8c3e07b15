// The AssemblyScript files with function decorators (@inline), which neither Prettier nor ESLint can parse:
// held to the same 120 columns by hand, checked here (npm run lint). Exits 1 listing every line over.
import { readFileSync } from 'node:fs';

const WIDTH = 120;
const FILES = ['src/train/assembly/common.ts', 'src/train/assembly/lanes.ts', 'src/train/assembly/random.ts'];

const over = FILES.flatMap((file) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .flatMap((line, i) => (line.length > WIDTH ? [`${file}:${i + 1}: ${line.length} characters`] : [])),
);
for (const line of over) console.error(line);
if (over.length) {
  console.error(`${over.length} line(s) over ${WIDTH} characters`);
  process.exit(1);
}
