import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SortScratch } from './sort-numbers';
import { SortThread } from './sort-thread';
import { summariseNumbers } from './summarise-numbers';

/** Near-unique values with repeats, NaN, ±∞ and ±0, in a fixed order. */
function column(n: number): Float64Array {
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    values[i] =
      i % 997 === 0
        ? Number.NaN
        : i % 991 === 0
          ? Infinity
          : i % 983 === 0
            ? -Infinity
            : i % 89 === 0
              ? -0
              : i % 97 === 0
                ? 2.5
                : ((i * 7919) % 100_003) / 7 - 5000;
  }
  return values;
}

async function whenReady(sorter: SortThread): Promise<void> {
  const workers = (sorter as unknown as { workers: { ready: boolean }[] }).workers;
  for (let i = 0; i < 200 && !workers.every((w) => w.ready); i++) {
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  assert.ok(workers.length > 0 && workers.every((w) => w.ready), 'the sort worker started');
}

test('the sort worker summarises a column exactly as the main thread does, and hands its buffer back', async () => {
  const n = 50_000;
  const expected = summariseNumbers({ values: column(n) }, false, new SortScratch());
  const sorter = new SortThread(1);
  try {
    await whenReady(sorter);
    for (let round = 0; round < 3; round++) {
      const buffer = await sorter.take(n);
      buffer.set(column(n));
      assert.deepEqual(await sorter.summarise(buffer, n, false), expected);
    }
  } finally {
    await sorter.close();
  }
});

test('without a worker the sorts run on the main thread, buffers bounded', async () => {
  const n = 5_000;
  const sorter = new SortThread(0);
  const buffers = await Promise.all([1, 2, 3, 4].map(() => sorter.take(n)));
  assert.equal(sorter.tryTake(n), undefined, 'at most four buffers out');
  buffers[0].set(column(n));
  const result = await sorter.summarise(buffers[0], n, false);
  assert.deepEqual(result, summariseNumbers({ values: column(n) }, false, new SortScratch()));
  assert.ok(sorter.tryTake(n), 'the summarised buffer came back');
  for (const b of buffers.slice(1)) sorter.giveBack(b);
  await sorter.close();
});
