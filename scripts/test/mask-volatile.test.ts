import { describe, expect, it } from 'vitest';
import { maskVolatile } from '../docs/lib/mask-volatile.js';

describe('masking a walkthrough command’s volatile output', () => {
  it('when pods are named, then each gets the same example name every time it appears, per app', () => {
    const output = [
      'api-7b99fcfb7-bf2f2',
      'api-7b99fcfb7-l2lmx',
      'db-client-79d749b5d9-qss4v',
      'api-7b99fcfb7-bf2f2',
    ].join('\n');

    expect(maskVolatile(output)).toBe(
      [
        'api-6d8f7b9c5-2xk9p',
        'api-6d8f7b9c5-q7m4t',
        'db-client-58c4d7f96-2xk9p',
        'api-6d8f7b9c5-2xk9p',
      ].join('\n'),
    );
  });

  it('when IPs appear, then ClusterIPs, pod IPs and node IPs each get their own examples, and kind’s fixed ones stay', () => {
    const output = '10.96.146.121 10.244.2.64 10.96.0.1 172.20.0.5 10.244.1.62 10.96.146.121';

    expect(maskVolatile(output)).toBe(
      '10.96.131.52 10.244.1.4 10.96.0.1 172.18.0.3 10.244.2.4 10.96.131.52',
    );
  });

  it('when a pod comes back on its node with a new IP, then its example stays in that node’s range', () => {
    const state = {};
    maskVolatile('10.244.2.4', state);

    expect(maskVolatile('10.244.2.9 10.244.1.3', state)).toBe('10.244.1.5 10.244.2.4');
  });

  it('when output was sorted, then the masked lines are sorted too, and lines around them keep their place', () => {
    const output = [
      '{"app":"api"}',
      'api-7b99fcfb7-bf2f2   10.244.2.64   ready=true',
      'api-7b99fcfb7-l2lmx   10.244.1.62   ready=true',
      'api-7b99fcfb7-zz9pq   10.244.2.65   ready=false',
      'done',
    ].join('\n');
    const state = { 'api pods': [['api-7b99fcfb7-zz9pq', '2xk9p']] };

    const lines = maskVolatile(output, state as never).split('\n');

    expect(lines[0]).toBe('{"app":"api"}');
    expect(lines.slice(1, 4)).toEqual([...lines.slice(1, 4)].sort());
    expect(lines[4]).toBe('done');
  });

  it('when workers appear, then the first one seen is podtalk-worker and the other podtalk-worker2', () => {
    expect(maskVolatile('podtalk-worker2 podtalk-worker podtalk-worker2')).toBe(
      'podtalk-worker podtalk-worker2 podtalk-worker',
    );
  });

  it('when kubectl prints a table, then it is aligned again around the masked values, with one example age', () => {
    const output = [
      'NAME                        READY   UP-TO-DATE   AVAILABLE   AGE',
      'deployment.apps/api         3/3     3            3           47m',
      'deployment.apps/db-client   2/2     2            2           2d4h',
      '',
      'NAME                     TYPE       CLUSTER-IP      PORT(S)',
      'service/db-client        ClusterIP  10.96.146.121   8080/TCP',
    ].join('\n');

    expect(maskVolatile(output)).toBe(
      [
        'NAME                        READY   UP-TO-DATE   AVAILABLE   AGE',
        'deployment.apps/api         3/3     3            3           3m',
        'deployment.apps/db-client   2/2     2            2           3m',
        '',
        'NAME                TYPE        CLUSTER-IP     PORT(S)',
        'service/db-client   ClusterIP   10.96.131.52   8080/TCP',
      ].join('\n'),
    );
  });

  it('when lines are prose or indented JSON, then they are left as they are', () => {
    const output = ['deployment.apps/api scaled', '{', '  "agree": true', '}'].join('\n');

    expect(maskVolatile(output)).toBe(output);
  });

  it('when more pods appear than there are examples, then it says so instead of guessing', () => {
    const many = Array.from({ length: 10 }, (_, i) => `api-7b99fcfb7-aaaa${i}`).join(' ');

    expect(() => maskVolatile(many)).toThrow('more than 9 api pods to mask');
  });

  it('when a later block shows what an earlier one masked, then it keeps its example', () => {
    const state = {};
    maskVolatile('service/api 10.96.13.190\nservice/db-client 10.96.146.121', state);

    maskVolatile('a block without addresses', state);

    expect(maskVolatile('db-client is 10.96.146.121', state)).toBe('db-client is 10.96.47.186');
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
  });
});
