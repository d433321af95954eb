/** The import dialog's store: each show starts a fresh session with its files. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { useImport } from './import-store';

describe('import store', () => {
  it('opens with the given files, afresh each time, and closes', () => {
    useImport.getState().show(['/data/a.csv']);
    const first = useImport.getState().session;
    useImport.getState().show(['/data/b.parquet']);
    assert.equal(useImport.getState().open, true);
    assert.deepEqual(useImport.getState().paths, ['/data/b.parquet']);
    assert.equal(useImport.getState().session, first + 1);
    useImport.getState().close();
    assert.equal(useImport.getState().open, false);
  });
});
