/**
 * Numbered schema migrations for the workspace database. Each capability appends its
 * own entry; a migration runs once, inside a transaction with its bookkeeping row, so a
 * crash half-way leaves the previous schema intact. Never edit a released entry: add a
 * new one.
 */

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'settings',
    sql: `
      CREATE SCHEMA IF NOT EXISTS assay;
      CREATE TABLE assay.settings (key VARCHAR PRIMARY KEY, value JSON NOT NULL);
    `,
  },
];

export const latestSchemaVersion = Math.max(...migrations.map((m) => m.version));
