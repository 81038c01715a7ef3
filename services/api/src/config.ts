import { commonEnv, integer, otelEnv, port } from '@podtalk/service-kit';
import { z } from 'zod';

/** How this process found db-client: the two discovery mechanisms Kubernetes offers. */
export type DiscoverySource = 'DB_CLIENT_URL' | 'DB_CLIENT_SERVICE_HOST/PORT';

const optional = z
  .string()
  .optional()
  .transform((value) => (value === '' ? undefined : value));

const envSchema = z.object({
  ...commonEnv,
  ...otelEnv,
  // Metrics and the readiness switch live here; the Service never exposes this port.
  ADMIN_PORT: port(9090),
  // An empty value is kept apart from an absent one, so the error below can say which it was.
  DB_CLIENT_URL: z
    .literal('')
    .or(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }))
    .optional(),
  // Injected by the kubelet for every Service that existed when the pod started.
  DB_CLIENT_SERVICE_HOST: optional,
  DB_CLIENT_SERVICE_PORT: optional,
  POD_NAMESPACE: optional,
  NODE_NAME: optional,
  POD_IP: optional,
  APP_VERSION: optional,
  UPSTREAM_TIMEOUT_MS: integer({ min: 50, max: 60_000, default: 2_000 }),
});

const target = (url: string, source: DiscoverySource) => ({ url, source });

export const configSchema = envSchema.transform((env, ctx) => {
  const {
    DB_CLIENT_URL: url,
    DB_CLIENT_SERVICE_HOST: host,
    DB_CLIENT_SERVICE_PORT: servicePort,
  } = env;
  if (url)
    return {
      ...env,
      dbClient: target(url.replace(/\/+$/, ''), 'DB_CLIENT_URL'),
    };
  if (host && servicePort) {
    // An IPv6 ClusterIP needs brackets in a URL.
    const authority = host.includes(':') ? `[${host}]:${servicePort}` : `${host}:${servicePort}`;
    return {
      ...env,
      dbClient: target(`http://${authority}`, 'DB_CLIENT_SERVICE_HOST/PORT'),
    };
  }
  const halfSet = host
    ? ' (DB_CLIENT_SERVICE_PORT is missing)'
    : servicePort
      ? ' (DB_CLIENT_SERVICE_HOST is missing)'
      : '';
  const empty = url === '' ? ' (DB_CLIENT_URL is set, but empty)' : '';
  ctx.addIssue({
    code: 'custom',
    path: ['DB_CLIENT_URL'],
    message:
      `db-client cannot be found${empty}: set DB_CLIENT_URL (e.g. http://db-client.podtalk.svc.cluster.local:8080), ` +
      `or both DB_CLIENT_SERVICE_HOST and DB_CLIENT_SERVICE_PORT${halfSet}, which Kubernetes injects ` +
      'for a Service that exists when the pod starts',
  });
  return z.NEVER;
});

export type Config = z.output<typeof configSchema>;
