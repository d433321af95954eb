/** "1 run", "3 runs": the words the archive's questions use. */
export function runCount(count: number): string {
  return `${count} run${count === 1 ? '' : 's'}`;
}
