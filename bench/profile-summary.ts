// Summarises a V8 .cpuprofile (node --cpu-prof): self time and inclusive time per function.
// Usage: tsx bench/profile-summary.ts <file.cpuprofile | directory> [top=30]
// Given a directory, reads its largest .cpuprofile (the main thread's; tsx's loader thread writes a small one).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

interface Node { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[]; hitCount?: number }
const given = process.argv[2];
if (!given) throw new Error('usage: profile-summary <file.cpuprofile | directory> [top]');
const file = statSync(given).isDirectory()
  ? readdirSync(given)
      .filter((f) => f.endsWith('.cpuprofile'))
      .map((f) => join(given, f))
      .sort((a, b) => statSync(b).size - statSync(a).size)[0]!
  : given;
const top = Number(process.argv[3] ?? 30);
const profile = JSON.parse(readFileSync(file, 'utf8')) as { nodes: Node[]; samples: number[]; timeDeltas: number[] };
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const counts = new Map<number, number>();
for (const s of profile.samples) counts.set(s, (counts.get(s) ?? 0) + 1);
const total = profile.samples.length;
const label = (n: Node): string => {
  const url = n.callFrame.url.replace(/^.*\/(node_modules\/)?/, (m) => (m.includes('node_modules') ? 'nm:' : ''));
  return `${n.callFrame.functionName || '(anon)'} ${url}:${n.callFrame.lineNumber + 1}`;
};
const self = new Map<string, number>();
const incl = new Map<string, number>();
for (const [id, c] of counts) {
  const n = byId.get(id)!;
  self.set(label(n), (self.get(label(n)) ?? 0) + c);
  const seen = new Set<string>();
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const l = label(byId.get(cur)!);
    if (seen.has(l)) continue;
    seen.add(l);
    incl.set(l, (incl.get(l) ?? 0) + c);
  }
}
const show = (title: string, m: Map<string, number>): void => {
  console.log(`\n${title} (${total} samples)`);
  for (const [l, c] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${((100 * c) / total).toFixed(1).padStart(6)}%  ${l}`);
};
show('self', self);
show('inclusive', incl);
