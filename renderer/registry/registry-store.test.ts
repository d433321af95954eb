/**
 * The registry store against a scripted client: models → versions → a card and a diff,
 * a push with its bytes and rate, a pull that opens what it brought, an error sentence,
 * and the cancel of a push.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ModelSummary, ModelVersionDetail, PushInfo } from '../../shared/bundles';
import { ApiError } from '../../shared/errors';
import { createToastStore } from '../shell/toast-store';
import { FakeClient, jobEvent, settle } from '../testing/fake-client';
import { createRegistryStore, transferProgress, type Transfer } from './registry-store';

const summary = (version: string, digest?: string) =>
  ({
    version,
    createdAt: '2026-11-29T10:00:00Z',
    run: 'r1',
    dataset: 'churn@1',
    pushedRefs: [],
    digest,
  }) as never;

const models: ModelSummary[] = [
  { name: 'churn', task: 'binary', versions: [summary('1.0.1'), summary('1.0.0')], nextVersion: '1.0.2' },
];

function setup() {
  const client = new FakeClient();
  const toasts = createToastStore();
  let clock = 1_000;
  const store = createRegistryStore(client, toasts, () => clock);
  client
    .answer('bundles.list', models)
    .answer('bundles.get', ({ model, version }) => ({ model, version, card: '# Card' }) as ModelVersionDetail)
    .answer(
      'bundles.diff',
      ({ from, to }) => ({ model: 'churn', from, to, metrics: [], params: [] }) as never,
    );
  const messages = () => toasts.getState().toasts.map((t) => t.message);
  return { client, toasts, store, messages, tick: (ms: number) => (clock += ms) };
}

describe('registry store', () => {
  it('lists models, opens a version card and diffs it with another version', async () => {
    const { store } = setup();
    await store.getState().load();
    assert.equal(store.getState().model, 'churn');
    await store.getState().openVersion('1.0.1');
    assert.equal(store.getState().detail?.card, '# Card');
    await store.getState().compare('1.0.0');
    assert.deepEqual([store.getState().diff?.from, store.getState().diff?.to], ['1.0.0', '1.0.1']);
    store.getState().openModel(null);
    assert.equal(store.getState().detail, null);
    assert.equal(store.getState().diff, null);
  });

  it('pushes the open version with bytes and rate, keeping no credentials, then shows its digest', async () => {
    const { client, store, messages, tick } = setup();
    await store.getState().load();
    await store.getState().openVersion('1.0.1');
    let finish: (value: PushInfo) => void = () => undefined;
    client
      .answer('registry.push', () => ({ jobId: 'j1' }))
      .answer('jobs.wait', () => new Promise((resolve) => (finish = resolve)));
    const pushing = store
      .getState()
      .push('oci://127.0.0.1:5000/churn:1.0.1', { plainHttp: true, username: 'me', password: 'secret' });
    await settle();
    tick(2_000);
    client.emit(
      'job.progress',
      jobEvent('j1', 'running', { unit: 'bytes', done: 4_000, total: 8_000, startedAt: 1_000 }),
    );
    const transfer = store.getState().transfer!;
    assert.deepEqual(
      [transfer.kind, transfer.done, transfer.total, transfer.bytesPerSecond],
      ['push', 4_000, 8_000, 2_000],
    );
    assert.ok(!JSON.stringify(store.getState()).includes('secret'), 'the password is not kept in the state');
    const info = {
      reference: 'oci://127.0.0.1:5000/churn:1.0.1',
      digest: 'sha256:abc',
      bytes: 8_000,
      skipped: 0,
    };
    finish(info);
    assert.deepEqual(await pushing, info);
    assert.deepEqual(client.requests('registry.push')[0], {
      model: 'churn',
      version: '1.0.1',
      reference: 'oci://127.0.0.1:5000/churn:1.0.1',
      plainHttp: true,
      username: 'me',
      password: 'secret',
    });
    assert.equal(store.getState().transfer, null);
    assert.equal(store.getState().lastPush?.digest, 'sha256:abc');
    assert.equal(store.getState().address, '127.0.0.1:5000', 'the registry is remembered, its login is not');
    assert.equal(store.getState().detail?.version, '1.0.1', 'the card is reloaded, not closed');
    assert.match(messages().join(' '), /Pushed churn 1\.0\.1/);
  });

  it('shows a failed push as the engine sentence', async () => {
    const { client, store, messages } = setup();
    await store.getState().load();
    await store.getState().openVersion('1.0.1');
    client.fail(
      'registry.push',
      'Plain HTTP is only for a registry on this computer; use https or --plain-http.',
    );
    assert.equal(await store.getState().push('oci://example.com/churn:1', {}), null);
    assert.deepEqual(messages(), [
      'Plain HTTP is only for a registry on this computer; use https or --plain-http.',
    ]);
    assert.equal(store.getState().transfer, null);
  });

  it('cancels a push through jobs.cancel and says nothing was published', async () => {
    const { client, store, messages } = setup();
    await store.getState().load();
    await store.getState().openVersion('1.0.1');
    let fail: (error: unknown) => void = () => undefined;
    client
      .answer('registry.push', () => ({ jobId: 'j2' }))
      .answer('jobs.wait', () => new Promise((_resolve, reject) => (fail = reject)))
      .answer('jobs.cancel', () => {
        fail(new ApiError('CANCELLED', 'The push was cancelled.'));
        return { cancelled: true };
      });
    const pushing = store.getState().push('oci://127.0.0.1:5000/churn:1.0.1', { plainHttp: true });
    await settle();
    assert.equal(store.getState().transfer?.jobId, null);
    store.getState().cancelTransfer();
    assert.equal(await pushing, null);
    assert.deepEqual(client.requests('jobs.cancel'), [{ jobId: 'j2' }]);
    assert.deepEqual(messages(), ['Push cancelled; nothing was left behind.']);
    assert.equal(store.getState().transfer, null);
  });

  it('pulls a reference with a login and opens the version it brought', async () => {
    const { client, store } = setup();
    await store.getState().load();
    client
      .answer('registry.pull', () => ({ jobId: 'j3' }))
      .answer('jobs.wait', () => ({ model: 'churn', version: '1.0.0' }));
    const pulled = await store
      .getState()
      .pull('oci://127.0.0.1:5000/churn:1.0.0', { plainHttp: true, username: 'me', password: 'pw' });
    assert.equal(pulled?.version, '1.0.0');
    assert.deepEqual(client.requests('registry.pull')[0]?.credentials, { username: 'me', password: 'pw' });
    assert.equal(store.getState().version, '1.0.0');
    assert.equal(store.getState().detail?.version, '1.0.0');
  });

  it('lists tags and forgets everything when another workspace opens', async () => {
    const { client, store } = setup();
    await store.getState().load();
    client.answer('registry.tags', { repository: 'churn', tags: ['1.0.0', '1.0.1'] });
    await store.getState().listTags('oci://127.0.0.1:5000/churn', { plainHttp: true });
    assert.deepEqual(store.getState().tags?.tags, ['1.0.0', '1.0.1']);
    client.emit('workspace.changed', {} as never);
    assert.deepEqual(
      [store.getState().loaded, store.getState().model, store.getState().tags],
      [false, null, null],
    );
  });

  it('reads bytes and rate from progress, keeping the last rate when a stage has no bytes', () => {
    const start: Transfer = {
      kind: 'pull',
      target: 'x',
      jobId: null,
      stage: '',
      fraction: null,
      done: 10,
      total: 20,
      bytesPerSecond: 5,
    };
    const next = transferProgress(
      start,
      jobEvent('j', 'running', { stage: 'Verifying', startedAt: 0 }),
      1_000,
    );
    assert.deepEqual([next.done, next.total, next.bytesPerSecond, next.stage], [10, 20, 5, 'Verifying']);
  });
});
