import assert from 'node:assert/strict';
import type os from 'node:os';
import { describe, it } from 'node:test';
import {
  allowedHostnamesFor,
  cookieName,
  decideAccess,
  isLoopback,
  readCookie,
  type AccessPolicy,
  type RequestFacts,
} from './access-control';
import { displayHost } from './public-address';

const policy: AccessPolicy = {
  token: 'secret-token',
  port: 4555,
  allowedHostnames: allowedHostnamesFor('127.0.0.1'),
};

function facts(overrides: Partial<RequestFacts>): RequestFacts {
  return {
    url: '/',
    host: '127.0.0.1:4555',
    origin: undefined,
    cookie: undefined,
    mustHaveOrigin: false,
    ...overrides,
  };
}

describe('browser-mode access control', () => {
  it('accepts the token in the URL, then the cookie', () => {
    assert.deepEqual(decideAccess(policy, facts({ url: '/?token=secret-token' })), {
      ok: true,
      viaQuery: true,
    });
    const cookie = `other=1; ${cookieName(4555)}=secret-token`;
    assert.deepEqual(decideAccess(policy, facts({ cookie })), { ok: true, viaQuery: false });
  });

  it('refuses a missing, wrong, truncated or padded token with 401', () => {
    for (const url of [
      '/',
      '/?token=',
      '/?token=secret',
      '/?token=secret-token-',
      '/?token=SECRET-TOKEN',
      '/?Token=secret-token',
    ]) {
      const decision = decideAccess(policy, facts({ url }));
      assert.equal(decision.ok, false, url);
      assert.equal(!decision.ok && decision.status, 401, url);
    }
  });

  it("refuses another port's cookie and a wrong URL token even with a right cookie", () => {
    assert.equal(decideAccess(policy, facts({ cookie: `${cookieName(4556)}=secret-token` })).ok, false);
    const both = facts({ url: '/?token=wrong', cookie: `${cookieName(4555)}=secret-token` });
    assert.equal(decideAccess(policy, both).ok, false);
  });

  it('refuses foreign Host headers (DNS rebinding) with 403', () => {
    for (const host of [
      'evil.example:4555',
      '127.0.0.1:80',
      '127.0.0.1',
      'localhost.evil.example:4555',
      undefined,
      '',
      'a@127.0.0.1:4555',
    ]) {
      const decision = decideAccess(policy, facts({ url: '/?token=secret-token', host }));
      assert.equal(!decision.ok && decision.status, 403, String(host));
    }
    for (const host of ['localhost:4555', 'LOCALHOST:4555', '[::1]:4555']) {
      assert.equal(decideAccess(policy, facts({ url: '/?token=secret-token', host })).ok, true, host);
    }
  });

  it('refuses cross-site origins, and WebSocket upgrades without an origin', () => {
    const ok = facts({
      url: '/ws?token=secret-token',
      mustHaveOrigin: true,
      origin: 'http://127.0.0.1:4555',
    });
    assert.equal(decideAccess(policy, ok).ok, true);
    for (const origin of [
      'http://evil.example',
      'http://127.0.0.1:4556',
      'https://127.0.0.1:4555',
      'http://localhost:4555', // another name than the Host the page used
      'null',
      'http://127.0.0.1:4555.evil.example',
      undefined,
    ]) {
      const decision = decideAccess(policy, { ...ok, origin });
      assert.equal(!decision.ok && decision.status, 403, String(origin));
    }
  });

  it('knows loopback addresses and reads cookies carefully', () => {
    assert.ok(
      isLoopback('127.0.0.1') && isLoopback('127.1.2.3') && isLoopback('::1') && isLoopback('localhost'),
    );
    assert.ok(!isLoopback('0.0.0.0') && !isLoopback('192.168.1.2') && !isLoopback('127.0.0.1.evil'));
    assert.equal(readCookie('a=1; b = two ;c=3', 'b'), 'two');
    assert.equal(readCookie('ab=1', 'a'), null);
    assert.equal(readCookie(undefined, 'a'), null);
  });

  it('treats a token cookie that does not percent-decode as absent: 401, never a throw', () => {
    for (const value of ['%', '%E0%A4%A', '%zz', '%C0%AF', '%ED%A0%80']) {
      const decision = decideAccess(policy, facts({ cookie: `${cookieName(4555)}=${value}` }));
      assert.equal(!decision.ok && decision.status, 401, value);
    }
    const later = `${cookieName(4555)}=%; ${cookieName(4555)}=secret-token`;
    assert.deepEqual(decideAccess(policy, facts({ cookie: later })), { ok: true, viaQuery: false });
  });

  it('prints a reachable address for a wildcard bind, and accepts it in the Host check', () => {
    const interfaces = {
      lo: [{ address: '127.0.0.1', family: 'IPv4', internal: true }],
      eth0: [
        { address: 'fe80::1', family: 'IPv6', internal: false },
        { address: '10.1.2.3', family: 'IPv4', internal: false },
      ],
    } as unknown as ReturnType<typeof os.networkInterfaces>;
    assert.equal(displayHost('0.0.0.0', interfaces), '10.1.2.3');
    assert.equal(displayHost('::', interfaces), '10.1.2.3');
    assert.equal(displayHost('0.0.0.0', { lo: interfaces.lo }), '127.0.0.1');
    assert.equal(displayHost('::1'), '[::1]');
    assert.equal(displayHost('127.0.0.1'), '127.0.0.1');
    const printed = displayHost('0.0.0.0');
    assert.ok(allowedHostnamesFor('0.0.0.0').has(printed), `${printed} passes the Host check`);
  });
});
