import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decideNavigation, decideWindowOpen, isAppUrl, isTrustedSender } from './navigation-policy';

describe('navigation policy', () => {
  it('allows only the exact app origin', () => {
    assert.equal(decideNavigation('app://assay/index.html'), 'allow');
    assert.equal(decideNavigation('app://assay/datasets?x=1#y'), 'allow');
    for (const url of [
      'app://assay.evil/index.html',
      'app://evil/app://assay/',
      'app://assay@evil/',
      'app://user:pw@assay/',
      'app://assay:8080/',
      'https://assay/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'about:blank',
      'devtools://devtools/bundled/inspector.html',
      'http://127.0.0.1:4555/',
      '',
      'not a url',
    ]) {
      assert.equal(decideNavigation(url), 'deny', url);
    }
  });

  it('fails closed on spellings Chromium would have canonicalised before asking', () => {
    assert.equal(isAppUrl('APP://ASSAY/index.html'), false);
  });

  it('opens only plain http(s) links outside, and never a new app window', () => {
    assert.equal(decideWindowOpen('https://duckdb.org/docs/'), 'open-external');
    assert.equal(decideWindowOpen('http://example.com/'), 'open-external');
    for (const url of [
      'app://assay/index.html',
      'file:///home/user/.ssh/id_rsa',
      'smb://server/share',
      'javascript:alert(1)',
      'https://user:pw@example.com/',
      'ms-settings:privacy',
      'vscode://file/etc/passwd',
      'https://',
    ]) {
      assert.equal(decideWindowOpen(url), 'deny', url);
    }
  });

  it('trusts IPC only from the app page in the top frame', () => {
    assert.equal(isTrustedSender('app://assay/index.html', true), true);
    assert.equal(isTrustedSender('app://assay/index.html', false), false, 'an iframe, even of the app');
    assert.equal(isTrustedSender('https://evil.example/', true), false);
    assert.equal(isTrustedSender('app://assay.evil/', true), false);
    assert.equal(isTrustedSender(null, true), false);
    assert.equal(isTrustedSender(undefined, true), false);
    assert.equal(isTrustedSender('about:blank', true), false);
  });
});
