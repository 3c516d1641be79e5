// `npm run bench -- estimate [seconds]`: benefit estimates per second in-process (the pure
// estimateBenefits, as the route calls it) over realistic mixed households, with the mean and p99
// time per estimate and the ratio to the goal (issue: under 1 ms each). Baseline measured in the same
// run: JSON.stringify + JSON.parse of the same requests, the least any request handler does.
import { estimateBenefits, type EstimateInput, type MemberInput } from '../src/modules/catalogue/index.ts';
import { line } from './_support.ts';
import { seededRandom } from '../src/platform/testing/random.ts';

const GOAL_MS = 1;

const MUNICIPALITIES = ['131130', '131016', '132012', '141003', '271004', '011002', '401005', '231002'];
const DATES = ['2023-06-01', '2024-04-15', '2024-09-01', '2024-11-01', '2025-04-01', '2025-10-01', '2026-05-01'];

function iso(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Households of one or two parents and one to four children aged 0–23, some single parents, some
 *  with disabilities, incomes given for about two in three. */
function households(count: number): EstimateInput[] {
  const rnd = seededRandom(20251121);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const out: EstimateInput[] = [];
  for (let i = 0; i < count; i++) {
    const date = pick(DATES);
    const year = Number(date.slice(0, 4));
    const single = rnd() < 0.3;
    const members: MemberInput[] = [];
    for (let p = 0; p < (single ? 1 : 2); p++) {
      const income = rnd() < 0.65 ? Math.round(rnd() * 9_000_000 / 1000) * 1000 : undefined;
      members.push({ relation: 'parent', birthDate: iso(year - 30 - Math.floor(rnd() * 15), 1 + Math.floor(rnd() * 12), 1 + Math.floor(rnd() * 28)), ...(income === undefined ? {} : { incomeAfterDeductions: income }) });
    }
    const children = 1 + Math.floor(rnd() * 4);
    for (let c = 0; c < children; c++) {
      const child: MemberInput = { relation: 'child', birthDate: iso(year - 1 - Math.floor(rnd() * 23), 1 + Math.floor(rnd() * 12), 1 + Math.floor(rnd() * 28)) };
      if (rnd() < 0.12) child.disability = pick([{ physicalGrade: 1 }, { physicalGrade: 3 }, { intellectualGrade: 'A' as const }, { intellectualGrade: 'B' as const }, { intellectualGrade: 2 }, { mentalGrade: 2 }]);
      if (rnd() < 0.05) child.supported = false;
      members.push(child);
    }
    // Keep every birth on or before the date of the estimate.
    for (const m of members) if (m.birthDate > date) m.birthDate = iso(year - 1, 1, 1);
    out.push({ date, municipality: pick(MUNICIPALITIES), household: { members, singleParent: single, ...(rnd() < 0.2 ? { dependants: children + 1 } : {}) } });
  }
  return out;
}

interface Timing {
  perSecond: number;
  meanMs: number;
  p99Ms: number;
  count: number;
}

/** Runs `fn` over the inputs in turn for `seconds`, timing each call. */
function measure(inputs: readonly EstimateInput[], seconds: number, fn: (input: EstimateInput) => unknown): Timing {
  for (let i = 0; i < 2000; i++) fn(inputs[i % inputs.length]!); // warm-up (JIT)
  const samples: number[] = [];
  const end = performance.now() + seconds * 1000;
  let total = 0;
  let sink = 0;
  for (let i = 0; ; i++) {
    const t0 = performance.now();
    const r = fn(inputs[i % inputs.length]!);
    const dt = performance.now() - t0;
    if (r !== undefined) sink++;
    samples.push(dt);
    total += dt;
    if ((i & 1023) === 0 && performance.now() > end) break;
  }
  if (sink === 0) throw new Error('nothing was computed');
  samples.sort((a, b) => a - b);
  return { perSecond: samples.length / (total / 1000), meanMs: total / samples.length, p99Ms: samples[Math.floor(samples.length * 0.99)]!, count: samples.length };
}

export default async function run(args: string[]): Promise<void> {
  const seconds = Number(args[0] ?? 3);
  const inputs = households(500);
  const estimate = measure(inputs, seconds, (input) => estimateBenefits(input));
  const baseline = measure(inputs, seconds, (input) => JSON.parse(JSON.stringify(input)));
  console.log(`estimate: ${inputs.length} mixed households (1–2 parents, 1–4 children, 2023–2026 dates, Tokyo and elsewhere), ${seconds} s each, one thread`);
  line('baseline: JSON.stringify + JSON.parse', `${baseline.perSecond.toFixed(0)} /s`, `mean ${(baseline.meanMs * 1000).toFixed(2)} µs, p99 ${(baseline.p99Ms * 1000).toFixed(2)} µs`);
  line('estimateBenefits (6 benefits each)', `${estimate.perSecond.toFixed(0)} /s`, `mean ${(estimate.meanMs * 1000).toFixed(2)} µs, p99 ${(estimate.p99Ms * 1000).toFixed(2)} µs`);
  line('ratio estimate / baseline (time per call)', `${(estimate.meanMs / baseline.meanMs).toFixed(2)}×`);
  line('ratio mean / goal of 1 ms', `${(estimate.meanMs / GOAL_MS).toFixed(4)}`, `p99 / goal ${(estimate.p99Ms / GOAL_MS).toFixed(4)}: ${estimate.p99Ms < GOAL_MS ? 'met' : 'NOT met'}`);
}
