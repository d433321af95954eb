/** References, challenges, scopes and bundle paths: the small parsers the client trusts. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseChallenge } from './auth-challenge';
import { checkBundlePath } from './bundle-path';
import { formatOciReference, parseOciReference, registryOrigin } from './oci-reference';
import { mergeScopes } from './registry-auth';

const DIGEST = `sha256:${'ab'.repeat(32)}`;

test('parses tags, digests, ports and nested repositories', () => {
  assert.deepEqual(parseOciReference('oci://127.0.0.1:5000/team/churn:1.2.0'), {
    registry: '127.0.0.1:5000',
    repository: 'team/churn',
    tag: '1.2.0',
  });
  assert.deepEqual(parseOciReference(`oci://ghcr.io/acme/model@${DIGEST}`), {
    registry: 'ghcr.io',
    repository: 'acme/model',
    digest: DIGEST,
  });
  assert.deepEqual(parseOciReference('oci://localhost/m', false), { registry: 'localhost', repository: 'm' });
  const both = `oci://h.example:443/a/b:v1@${DIGEST}`;
  assert.equal(formatOciReference(parseOciReference(both)), both);
});

test('refuses malformed references with a sentence', () => {
  assert.throws(() => parseOciReference('docker://h/r:t'), /must start with oci:\/\//);
  assert.throws(() => parseOciReference('oci://h/Upper:t'), /is not a repository name/);
  assert.throws(() => parseOciReference('oci://h/r'), /names no tag and no digest/);
  assert.throws(() => parseOciReference('oci://h/r@sha256:xyz'), /is not a sha256 digest/);
  assert.throws(() => parseOciReference('oci://h/r:-bad'), /is not a valid tag/);
  assert.throws(() => parseOciReference('oci:///r:t'), /no repository after the host|not a host/);
});

test('plain HTTP only for loopback hosts or when asked', () => {
  assert.equal(registryOrigin('127.0.0.1:5000'), 'http://127.0.0.1:5000');
  assert.equal(registryOrigin('localhost:5000'), 'http://localhost:5000');
  assert.equal(registryOrigin('[::1]:5000'), 'http://[::1]:5000');
  assert.equal(registryOrigin('registry.example.com'), 'https://registry.example.com');
  assert.equal(registryOrigin('registry.lan:5000', true), 'http://registry.lan:5000');
  assert.equal(registryOrigin('127.0.0.1:5000', false), 'https://127.0.0.1:5000');
});

test('parses bearer challenges whose quoted scope holds commas', () => {
  assert.deepEqual(
    parseChallenge(
      'Bearer realm="https://auth.example/token",service="registry.example",scope="repository:a/b:pull,push"',
    ),
    {
      scheme: 'bearer',
      params: {
        realm: 'https://auth.example/token',
        service: 'registry.example',
        scope: 'repository:a/b:pull,push',
      },
    },
  );
  assert.deepEqual(parseChallenge('Basic realm="Registry Realm"'), {
    scheme: 'basic',
    params: { realm: 'Registry Realm' },
  });
  assert.equal(parseChallenge(undefined), undefined);
});

test('a push token asks for the challenge scope with the push actions added', () => {
  assert.deepEqual(mergeScopes('repository:a/b:pull', 'repository:a/b:pull,push'), [
    'repository:a/b:pull,push',
  ]);
  assert.deepEqual(mergeScopes('', 'repository:x:pull'), ['repository:x:pull']);
});

test('bundle paths from a manifest must stay inside the folder', () => {
  assert.equal(checkBundlePath('meta/signature.json'), 'meta/signature.json');
  for (const bad of ['../etc/passwd', '/abs', 'a/../b', 'a//b', '', 'a\\b', './a']) {
    assert.throws(() => checkBundlePath(bad), /is not a safe file path inside a bundle/, bad);
  }
});
