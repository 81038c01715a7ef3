import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { launchBrowser } from '@podtalk/test-kit';
import { main, parseFlags } from '../lib/cli.js';
import {
  bindKubectl,
  jaegerTrace,
  kubectlCommand,
  newTrace,
  poll,
  portForward,
  runOrThrow,
} from '@podtalk/cluster-kit';
import type { IPodList } from 'kubernetes-models/v1/PodList';
import { renderSvg } from '../lib/vega.js';
import { animatedWebp } from './lib/animation.js';
import {
  panelArea,
  podsShown,
  postExamples,
  waitForAllLive,
  waitForAnswers,
  waitForPods,
} from './lib/live-page.js';
import { waterfallSpec } from './lib/waterfall.js';

const USAGE = `pnpm docs:pictures [--out <dir>] [--cluster <name>] [--url <page>]

Takes the README's pictures from the live page on the kind cluster: a screenshot (page.png),
an animated WebP of the "Who answered" panel while an api pod is deleted and replaced
(pod-replaced.webp), and one request's trace as Jaeger holds it, drawn as a waterfall
(trace-waterfall.svg). Needs the cluster from pnpm deploy:kind, and Chromium (CHROMIUM_PATH).`;

/** Sends one read on a trace of its own and draws what Jaeger holds of it, once every hop is in. */
async function drawTrace(cluster: string, url: string, out: string) {
  const kube = bindKubectl(`kind-${cluster}`, 'podtalk');
  const jaegerPods = await kube.json<IPodList>([
    'get',
    'pods',
    '--selector',
    'app.kubernetes.io/name=jaeger',
  ]);
  const jaeger = await portForward(kube, jaegerPods.items[0]?.metadata?.name ?? 'jaeger', 16686);
  try {
    const { traceId, traceparent } = newTrace();
    const res = await fetch(`${url}/api/messages?limit=5`, { headers: { traceparent } });
    if (!res.ok) throw new Error(`the read answered ${res.status}`);
    const spans = await poll(
      async () => {
        const found = await jaegerTrace(jaeger.url, traceId);
        // db-client's one client span is the query: the last hop to be exported.
        const query = found.some(
          (s) => s.process.serviceName === 'db-client' && s.tags['span.kind'] === 'client',
        );
        return query ? found : undefined;
      },
      { what: `trace ${traceId} in Jaeger, down to its query`, timeoutMs: 30_000, intervalMs: 500 },
    );
    const path = join(out, 'trace-waterfall.svg');
    writeFileSync(
      path,
      await renderSvg(waterfallSpec(spans, `GET /api/messages?limit=5, trace ${traceId}`)),
    );
    console.log(`✓ ${path}: ${spans.length} spans`);
  } finally {
    await jaeger.close();
  }
}

// One frame every FRAME_MS, played back at twice the speed.
const FRAME_MS = 500;
const BEFORE_MS = 6_000;
const AFTER_REPLACEMENT_MS = 8_000;

main(async () => {
  const flags = parseFlags(
    {
      out: { type: 'string', default: 'docs/images' },
      cluster: { type: 'string', default: 'podtalk' },
      url: { type: 'string', default: 'http://localhost:30080' },
    },
    USAGE,
  );
  const kubectl = kubectlCommand(`kind-${flags.cluster}`, 'podtalk');
  mkdirSync(flags.out, { recursive: true });
  await drawTrace(flags.cluster, flags.url, flags.out);
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1100, height: 660 } });
    await page.goto(flags.url);
    await postExamples(page);
    await waitForPods(page, 3);
    // Enough polls for the bars to show how the Service spreads new connections.
    await waitForAnswers(page, 15);
    await waitForAllLive(page);
    await page.screenshot({ path: join(flags.out, 'page.png') });
    console.log(`✓ ${join(flags.out, 'page.png')}`);

    // The panel while one api pod goes and its replacement comes.
    const clip = await panelArea(page);
    const frames: Buffer[] = [];
    const capture = async (ms: number) => {
      for (const end = Date.now() + ms; Date.now() < end;) {
        frames.push(await page.screenshot({ clip }));
        await sleep(FRAME_MS);
      }
    };
    await capture(BEFORE_MS);
    const before = await podsShown(page);
    const [victim] = before;
    if (!victim) throw new Error('the page shows no api pod');
    await runOrThrow([...kubectl, 'delete', 'pod', victim, '--wait=false']);
    for (const giveUp = Date.now() + 120_000; Date.now() < giveUp;) {
      await capture(FRAME_MS);
      if ((await podsShown(page)).some((pod) => !before.includes(pod))) break;
    }
    await capture(AFTER_REPLACEMENT_MS);
    const path = join(flags.out, 'pod-replaced.webp');
    writeFileSync(path, await animatedWebp(frames, FRAME_MS / 2));
    console.log(`✓ ${path}: ${frames.length} frames, ${victim} deleted and replaced`);
  } finally {
    await browser.close();
  }
});
