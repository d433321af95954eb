/**
 * Test tables for the ranking tests, written as CSV from a seeded generator so the
 * reference figures (computed once with scikit-learn and SciPy from the same files) stay
 * valid: a tiny table to check by hand, and a 2,000-row table with an informative column,
 * its exact duplicate (rescaled), noise, a related category and a numeric target.
 */
import fs from 'node:fs';
import path from 'node:path';

/** Park–Miller minimal standard generator: the same numbers in every run and language. */
export function lcg(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 48271) % 2147483647;
    return state / 2147483647;
  };
}

/** 12 rows: x = 1…12, a category c and a two-class y (first six "a"). */
export function writeTinyCsv(dir: string): string {
  const c = ['p', 'p', 'q', 'q', 'p', 'q', 'r', 'r', 'r', 'p', 'q', 'r'];
  const lines = ['x,c,y'];
  for (let i = 0; i < 12; i++) lines.push(`${i + 1},${c[i]},${i < 6 ? 'a' : 'b'}`);
  const file = path.join(dir, 'tiny.csv');
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

/**
 * 2,000 rows: `label` (yes/no) depends on `signal`; `signal_copy` = 2·signal + 1; `noise`
 * and `coin` (a random target) are independent; `colour` leans on the label; `amount` =
 * 3·signal + noise is a numeric target; `gappy` is `noise` with every 7th value missing.
 */
export function writeMixedCsv(dir: string): string {
  const rand = lcg(12345);
  const lines = ['signal,signal_copy,noise,gappy,colour,label,coin,amount'];
  for (let i = 0; i < 2000; i++) {
    const signal = Math.round(rand() * 1000) / 100;
    const noise = Math.round(rand() * 1000) / 100;
    const yes = rand() < 0.15 + 0.07 * signal;
    const colours = yes ? ['red', 'red', 'blue', 'green'] : ['blue', 'green', 'green', 'red'];
    const colour = colours[Math.floor(rand() * 4)]!;
    const coin = rand() < 0.5 ? 'heads' : 'tails';
    const amount = Math.round((3 * signal + 4 * rand()) * 100) / 100;
    const gappy = i % 7 === 0 ? '' : String(noise);
    lines.push([signal, 2 * signal + 1, noise, gappy, colour, yes ? 'yes' : 'no', coin, amount].join(','));
  }
  const file = path.join(dir, 'mixed.csv');
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}
