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
  {
    version: 2,
    name: 'datasets',
    // Each version's rows live in their own table under schema "data" (named by the version
    // id) and are never modified; these tables hold the catalogue and lineage.
    sql: `
      CREATE SCHEMA IF NOT EXISTS data;
      CREATE TABLE assay.datasets (
        id VARCHAR PRIMARY KEY,
        name VARCHAR NOT NULL,
        tags JSON NOT NULL DEFAULT '[]',
        created_at TIMESTAMPTZ NOT NULL DEFAULT now()
      );
      CREATE TABLE assay.dataset_versions (
        id VARCHAR PRIMARY KEY,
        dataset_id VARCHAR NOT NULL,
        number INTEGER NOT NULL,
        row_count BIGINT NOT NULL,
        columns JSON NOT NULL,
        size_bytes BIGINT NOT NULL,
        created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
        lineage JSON NOT NULL,
        source_key VARCHAR,
        rejected_rows BIGINT NOT NULL DEFAULT 0
      );
      CREATE TABLE assay.dataset_rejects (
        version_id VARCHAR NOT NULL,
        file VARCHAR,
        line BIGINT,
        column_name VARCHAR,
        error_type VARCHAR,
        original_line VARCHAR,
        message VARCHAR
      );
    `,
  },
  {
    version: 3,
    name: 'profiles',
    sql: `
      CREATE TABLE assay.profiles (
        version_id VARCHAR NOT NULL,
        settings_key VARCHAR NOT NULL,
        profile JSON NOT NULL,
        created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
        PRIMARY KEY (version_id, settings_key)
      );
    `,
  },
  {
    version: 4,
    name: 'runs',
    // One row per training run. Dataset name and version number are kept beside the ids so
    // a run still reads well after its dataset is renamed or deleted; the model itself is a
    // file under artifacts/ (model_path, relative to the workspace folder).
    sql: `
      CREATE TABLE assay.runs (
        id VARCHAR PRIMARY KEY,
        experiment VARCHAR NOT NULL,
        dataset_id VARCHAR NOT NULL,
        version_id VARCHAR NOT NULL,
        dataset_name VARCHAR NOT NULL,
        version_number INTEGER NOT NULL,
        target VARCHAR NOT NULL,
        task VARCHAR NOT NULL,
        algorithm VARCHAR NOT NULL,
        status VARCHAR NOT NULL,
        params JSON NOT NULL,
        seed INTEGER NOT NULL,
        metrics JSON NOT NULL DEFAULT '{}',
        detail JSON,
        created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
        finished_at TIMESTAMPTZ,
        fit_seconds DOUBLE,
        backend VARCHAR,
        error VARCHAR,
        model_path VARCHAR
      );
    `,
  },
  {
    version: 5,
    name: 'run archive',
    // "Delete" in the UI archives: the row and its model stay until the archive is emptied.
    sql: `ALTER TABLE assay.runs ADD COLUMN archived_at TIMESTAMPTZ;`,
  },
  {
    version: 6,
    name: 'recipes',
    // Saved cleaning recipes: every save of a name adds the next number; rows are never updated.
    sql: `
      CREATE TABLE assay.recipes (
        name VARCHAR NOT NULL,
        number INTEGER NOT NULL,
        description VARCHAR NOT NULL DEFAULT '',
        recipe JSON NOT NULL,
        created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
        PRIMARY KEY (name, number)
      );
    `,
  },
  {
    version: 7,
    name: 'models',
    // Model bundles (docs/architecture.md, "Inside the bundles capability"): one row per
    // version of a model; the bundle itself is a folder under artifacts/bundles/<model>/<version>/
    // (folder, relative to the workspace folder). pushed_refs lists every oci:// reference it
    // went to or came from; digest is the manifest digest of the last push or pull.
    sql: `
      CREATE TABLE assay.model_versions (
        model VARCHAR NOT NULL,
        version VARCHAR NOT NULL,
        task VARCHAR NOT NULL,
        run_id VARCHAR NOT NULL,
        dataset VARCHAR NOT NULL,
        algorithm VARCHAR NOT NULL,
        metrics JSON NOT NULL DEFAULT '{}',
        primary_metric VARCHAR NOT NULL,
        folder VARCHAR NOT NULL,
        files JSON NOT NULL DEFAULT '[]',
        digest VARCHAR,
        pushed_refs JSON NOT NULL DEFAULT '[]',
        pulled BOOLEAN NOT NULL DEFAULT false,
        created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
        PRIMARY KEY (model, version)
      );
    `,
  },
  {
    version: 8,
    name: 'feature sets',
    // Feature sets (docs/architecture.md, "Inside the features capability"): one row per
    // version of a set, never updated; its rows are the dataset version materialised_version_id.
    // feature_joins records which set versions a point-in-time join's output (a dataset
    // version) was built from, so a run trained on it records them.
    sql: `
      CREATE TABLE assay.feature_sets (
        name VARCHAR NOT NULL,
        version INTEGER NOT NULL,
        definition JSON NOT NULL,
        source_version_id VARCHAR NOT NULL,
        materialised_version_id VARCHAR NOT NULL,
        created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
        PRIMARY KEY (name, version)
      );
      CREATE TABLE assay.feature_joins (
        version_id VARCHAR PRIMARY KEY,
        labels_version_id VARCHAR NOT NULL,
        sets JSON NOT NULL,
        created_at TIMESTAMPTZ NOT NULL DEFAULT now()
      );
    `,
  },
];

export const latestSchemaVersion = Math.max(...migrations.map((m) => m.version));
