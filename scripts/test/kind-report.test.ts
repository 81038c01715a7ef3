import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  kindBenchReport,
  markdownReport,
  writeKindResults,
  type KindBenchReport,
} from '../bench/kind/kind-report.js';
import { FULL_RUN } from '../bench/kind/profiles.js';
import { apiBoundStep } from './support/bench-steps.js';

const dir = `${mkdtempSync(join(tmpdir(), 'kind-report-'))}/`;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const options = { ...FULL_RUN, target: 'http://172.18.0.2:30080', cluster: 'podtalk' };
const steps = [1, 2, 3].flatMap((round) => [
  apiBoundStep(round, 3, 280 + round * 5),
  apiBoundStep(round, 1, 100),
]);

describe('the kind bench’s report', () => {
  it('when written as Markdown, then a row per replica count gives the median capacity, its range and the CPU per request', () => {
    const text = markdownReport(kindBenchReport(options, steps, 'Test CPU'));

    expect(text).toContain('| 1 | 100 (100–100) | 0.95 (0.95–0.95) |');
    expect(text).toContain('| 3 | 290 (285–295) |');
    expect(text).toContain(
      'From 1 to 3 replicas, capacity grew 2.90 (2.85–2.95) ×, round by round.',
    );
    expect(text).toContain('0 of 6 windows were measured again');
    expect(text).toContain(
      'round 1: api at its CPU limit: 3 of 3 pods used 0.10 of 0.10 cores, throttled in 90 % of periods or more',
    );
  });

  it('when a full run is written, then its JSON keeps every step’s evidence and the chart shows every round', async () => {
    const report = kindBenchReport(options, steps, 'Test CPU');
    const files = await writeKindResults(report, { latest: true, dir });

    expect(readdirSync(dir).sort()).toEqual(
      [files[0]!.slice(dir.length), 'kind-capacity.svg', 'latest-kind.json'].sort(),
    );
    const saved = JSON.parse(readFileSync(`${dir}latest-kind.json`, 'utf8')) as KindBenchReport;
    expect(saved.steps).toHaveLength(6);
    expect(saved.steps[0]?.evidence.pods.map((p) => p.cpuMsPerRequest)).toHaveLength(4);
    expect(saved.summary.byReplicas[0]?.cpuMsPerRequest.api.median).toBeCloseTo(0.95, 5);
    const svg = readFileSync(`${dir}kind-capacity.svg`, 'utf8');
    expect(svg).toContain('<svg');
    expect(svg).toContain('linear');
  });

  it('when a short run is written, then only its own JSON: the committed results stay', async () => {
    const own = `${mkdtempSync(join(tmpdir(), 'kind-short-'))}/`;
    const files = await writeKindResults(kindBenchReport(options, steps, 'Test CPU'), {
      latest: false,
      dir: own,
    });

    expect(readdirSync(own)).toEqual([files[0]!.slice(own.length)]);
    rmSync(own, { recursive: true, force: true });
  });
});
