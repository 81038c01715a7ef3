import { bindKubectl, runOrThrow } from '@podtalk/cluster-kit';
import type { IPodList } from 'kubernetes-models/v1/PodList';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { kindNodes } from '../deploy/steps/kind-cluster.js';
import { contentTag } from '../images/content-tag.js';
import { SERVICES, type Service } from '../images/images.js';

// Where both deploys push on kind: the local registry, as this machine reaches it.
const REGISTRY = 'localhost:5001';
const kube = bindKubectl('kind-podtalk', 'podtalk');

/** The digest the registry holds for this working tree's image of `service`. */
async function digestInRegistry(service: Service): Promise<string> {
  const [name, tag] = [`podtalk/${service}`, contentTag(service)];
  const { statusCode, headers, body } = await request(
    `http://${REGISTRY}/v2/${name}/manifests/${tag}`,
    {
      method: 'HEAD',
      headers: {
        accept: [
          'application/vnd.oci.image.index.v1+json',
          'application/vnd.oci.image.manifest.v1+json',
          'application/vnd.docker.distribution.manifest.list.v2+json',
          'application/vnd.docker.distribution.manifest.v2+json',
        ].join(', '),
      },
    },
  );
  await body.dump();
  expect(statusCode, `${REGISTRY}/${name}:${tag}`).toBe(200);
  return String(headers['docker-content-digest']);
}

describe('the images the pods run, after a deploy to kind-podtalk', () => {
  it.each(SERVICES)(
    'when %s runs, then each pod names the image by the digest the registry holds for this tree, and runs exactly that',
    async (service) => {
      const digest = await digestInRegistry(service);
      const pods = await kube.json<IPodList>([
        'get',
        'pods',
        '--selector',
        `app.kubernetes.io/name=${service}`,
      ]);
      const expected = `${REGISTRY}/podtalk/${service}@${digest}`;

      expect(pods.items.length).toBeGreaterThan(0);
      for (const pod of pods.items) {
        expect(pod.spec?.containers[0]?.image).toBe(expected);
        expect(pod.status?.containerStatuses?.[0]?.imageID).toBe(expected);
      }
    },
  );

  it('when the nodes list their images, then every podtalk image came from the registry: none was side-loaded', async () => {
    for (const node of kindNodes('podtalk')) {
      const { stdout } = await runOrThrow([
        'docker',
        'exec',
        node,
        'crictl',
        'images',
        '-o',
        'json',
      ]);
      const { images } = JSON.parse(stdout) as {
        images: { repoTags: string[]; repoDigests: string[] }[];
      };
      const names = images
        .flatMap((image) => [...image.repoTags, ...image.repoDigests])
        .filter((name) => /podtalk\/(api|db-client)[:@]/.test(name));

      expect(
        names.filter((name) => !name.startsWith(`${REGISTRY}/`)),
        node,
      ).toEqual([]);
    }
  });
});
