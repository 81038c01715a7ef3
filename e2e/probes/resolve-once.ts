// One DNS question for NAME, straight to the pod's nameserver: one try, a 2 s limit, no search
// domains (the system resolver would walk each, waiting on every one). Prints "resolved", or the
// error's code. Node 26, in the api's image, runs TypeScript by stripping its types:
//   kubectl exec -i POD -- node --input-type=module-typescript - NAME < e2e/probes/resolve-once.ts
import { Resolver } from 'node:dns/promises';

const [name] = process.argv.slice(2);
if (!name) throw new Error('usage: resolve-once NAME');
const dns = new Resolver({ timeout: 2_000, tries: 1 });
const outcome = await dns.resolve4(name).then(
  () => 'resolved',
  (error: unknown) => (error as NodeJS.ErrnoException).code ?? 'failed',
);
console.log(outcome);
