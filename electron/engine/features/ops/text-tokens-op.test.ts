/**
 * text_tokens on texts with case, punctuation, an underscore, accents, digits, an empty
 * text and a NULL: the token count and the fitted top tokens (by rows, ties by text) as
 * 0/1 columns, hand-checked and required of the pandas code.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { OpHarness, expectStep } from '../../clean/ops/op-harness';
import { featureOps } from './feature-ops';

const TEXTS = `CREATE TABLE t AS SELECT * FROM (VALUES
  ('The cat sat on the mat'), ('A CAT! a dog.'), (NULL), (''), ('Café au lait, 2nd café'), ('dog_cat')
) v(x)`;

describe('text tokens', () => {
  let h: OpHarness;
  before(async () => {
    h = await OpHarness.open(TEXTS, featureOps);
  });
  after(() => h.close());

  test('counts tokens: runs of letters and digits', async (t) => {
    await expectStep(
      t,
      h,
      { op: 'text_tokens', column: 'x', name: 'w' },
      {
        columns: ['x', 'w'],
        rows: [
          ['The cat sat on the mat', 6],
          ['A CAT! a dog.', 4],
          [null, null],
          ['', 0],
          ['Café au lait, 2nd café', 5],
          ['dog_cat', 2],
        ],
      },
    );
  });

  test('marks the top tokens by the rows they are in, ties by their text', async (t) => {
    // cat is in 3 rows, dog in 2; of the tokens in one row, "2nd" sorts first.
    const result = await expectStep(
      t,
      h,
      { op: 'text_tokens', column: 'x', top: 3, name: 'w' },
      {
        columns: ['x', 'w', 'w_cat', 'w_dog', 'w_2nd'],
        rows: [
          ['The cat sat on the mat', 6, 1, 0, 0],
          ['A CAT! a dog.', 4, 1, 1, 0],
          [null, null, null, null, null],
          ['', 0, 0, 0, 0],
          ['Café au lait, 2nd café', 5, 0, 0, 1],
          ['dog_cat', 2, 1, 1, 0],
        ],
      },
    );
    assert.deepEqual(result.stats, { tokens: ['cat', 'dog', '2nd'] });
  });

  test('says which token column would repeat a name', async () => {
    const clash = await OpHarness.open(`CREATE TABLE t AS SELECT 'cat dog' AS x, 1 AS w_CAT`, featureOps);
    try {
      await assert.rejects(
        clash.run({ op: 'text_tokens', column: 'x', top: 1, name: 'w' }),
        /The token column "w_cat" would repeat a column's name; give the step another name/,
      );
    } finally {
      clash.close();
    }
  });

  test('refuses a column that is not text', async () => {
    const numbers = await OpHarness.open('CREATE TABLE t AS SELECT 1 AS n', featureOps);
    try {
      assert.match(
        (await numbers.issues({ op: 'text_tokens', column: 'n', name: 'w' }))[0]!,
        /^column: "n" is INTEGER; this step needs a text column/,
      );
    } finally {
      numbers.close();
    }
  });
});
