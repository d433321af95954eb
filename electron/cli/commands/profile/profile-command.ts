/**
 * `assay profile DATASET[@VERSION]`: the profile of a version (from the cache when it has
 * one), as JSON with columns keyed by name, as a short summary for people, and
 * optionally as the self-contained HTML report. `--threshold NAME=VALUE` changes when an
 * alert fires (the cache keeps one profile per target and thresholds).
 */
import fs from 'node:fs/promises';
import type { Command } from 'commander';
import type { ApiClient } from '../../../../shared/api';
import {
  DEFAULT_THRESHOLDS,
  THRESHOLD_NAMES,
  type AlertThresholds,
  type ColumnProfile,
  type Profile,
  type ProfileRequest,
} from '../../../../shared/profile';
import type { JobResult } from '../../../../shared/run-job';
import { followCliJob } from '../../cli-job';
import { UsageError, emit, type GlobalOptions } from '../../cli-io';
import { withClient } from '../../open-engine';

interface Flags {
  target?: string;
  html?: string;
  refresh?: boolean;
  threshold?: string[];
}

export function registerProfile(program: Command, globals: () => GlobalOptions): void {
  program
    .command('profile')
    .description('Profile a dataset version: statistics, associations and alerts for every column.')
    .argument('<dataset>', 'DATASET (its latest version) or DATASET@VERSION')
    .option('--target <column>', 'rank every column by its association with this one (and check for leakage)')
    .option('--html <file>', 'also write the self-contained HTML report to this file')
    .option('--refresh', 'recompute even when a cached profile exists')
    .option(
      '--threshold <name=value>',
      `when an alert fires, e.g. missingFraction=0.05 (repeatable); names: ${THRESHOLD_NAMES.join(', ')}`,
      (value: string, previous: string[] | undefined) => [...(previous ?? []), value],
    )
    .action(async (dataset: string, flags: Flags) => {
      const thresholds = parseThresholds(flags.threshold ?? []);
      const result = await withClient(globals(), async (client) => {
        const version = await client.call('datasets.version', { version: dataset });
        const request: ProfileRequest = {
          version: version.id,
          ...(flags.target ? { target: flags.target } : {}),
          ...(thresholds ? { thresholds } : {}),
        };
        const { profile, cached } = await profileOf(client, request, flags.refresh === true);
        if (flags.html) await fs.writeFile(flags.html, (await client.call('profile.report', request)).html);
        return { dataset: version.dataset, version: version.number, cached, profile };
      });
      emit(globals(), toJson(result.dataset, result.version, result.cached, result.profile), () =>
        summarise(result.dataset, result.version, result.profile, flags.html),
      );
    });
}

/** The cached profile unless --refresh, else a new one from the profile job (with its progress bar). */
async function profileOf(
  client: ApiClient,
  request: ProfileRequest,
  refresh: boolean,
): Promise<{ profile: Profile; cached: boolean }> {
  const started = await client.call('profile.start', { ...request, refresh });
  if (started.jobId !== null) {
    return { profile: await followCliJob<JobResult<'profile.start'>>(client, started.jobId), cached: false };
  }
  const { profile } = await client.call('profile.get', request);
  if (profile) return { profile, cached: true };
  // The cached profile went between the two calls (another process refreshed it): compute it.
  return profileOf(client, request, true);
}

/** `NAME=VALUE` per flag, NAME one of AlertThresholds' keys; undefined when none. */
export function parseThresholds(pairs: string[]): Partial<AlertThresholds> | undefined {
  if (pairs.length === 0) return undefined;
  const out: Partial<AlertThresholds> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    const name = (at < 0 ? pair : pair.slice(0, at)).trim();
    if (!THRESHOLD_NAMES.includes(name as keyof AlertThresholds))
      throw new UsageError(
        `--threshold takes NAME=VALUE with NAME one of ${THRESHOLD_NAMES.join(', ')}; "${name}" is not one of them.`,
      );
    const raw = at < 0 ? '' : pair.slice(at + 1).trim();
    const value = Number(raw);
    if (raw === '' || !Number.isFinite(value))
      throw new UsageError(
        `--threshold ${name} takes a number, such as ${name}=${DEFAULT_THRESHOLDS[name as keyof AlertThresholds]}, not "${raw}".`,
      );
    out[name as keyof AlertThresholds] = value;
  }
  return out;
}

/** The JSON shape scripts rely on: columns keyed by name with the common statistics on top. */
function toJson(dataset: string, version: number, cached: boolean, profile: Profile) {
  const columns: Record<string, unknown> = {};
  for (const c of profile.columns) columns[c.name] = columnJson(c);
  return {
    dataset,
    version,
    cached,
    createdAt: profile.createdAt,
    seconds: profile.durationMs / 1000,
    overview: profile.overview,
    columns,
    alerts: profile.alerts,
    associations: profile.associations,
    missing: profile.missing,
    ...(profile.target ? { target: profile.target } : {}),
    approximations: profile.approximations,
    thresholds: profile.thresholds,
    timings: profile.timings,
  };
}

function columnJson(c: ColumnProfile) {
  const n = c.numeric;
  return {
    type: c.semanticType,
    mean: n?.mean ?? null,
    std: n?.std ?? null,
    min: n?.min ?? c.datetime?.min ?? null,
    max: n?.max ?? c.datetime?.max ?? null,
    quantiles: n?.quantiles ?? null,
    histogram: c.histogram ?? null,
    top: c.topValues,
    ...c,
  };
}

function summarise(dataset: string, version: number, profile: Profile, html?: string): string {
  const o = profile.overview;
  const lines = [
    `Profile of ${dataset}@${version}: ${o.rows.toLocaleString('en-US')} rows × ${o.columns} columns, ` +
      `${(o.missingCellsFraction * 100).toFixed(1)}% missing cells, ${o.duplicateRows.toLocaleString('en-US')} duplicate rows ` +
      `(${(profile.durationMs / 1000).toFixed(2)} s).`,
  ];
  for (const c of profile.columns) {
    const n = c.numeric;
    const stats = n
      ? `mean ${fmt(n.mean)}, std ${fmt(n.std)}, min ${fmt(n.min)}, max ${fmt(n.max)}`
      : `${c.distinct.toLocaleString('en-US')} distinct${c.topValues[0] ? `, top ${String(c.topValues[0].value)}` : ''}`;
    lines.push(
      `  ${c.name.padEnd(24)} ${c.semanticType.padEnd(11)} ${(c.missingFraction * 100).toFixed(1).padStart(5)}% missing  ${stats}`,
    );
  }
  if (profile.alerts.length > 0) {
    lines.push(`Alerts (${profile.alerts.length}):`);
    for (const a of profile.alerts) lines.push(`  ${a.type.padEnd(16)} ${a.message}`);
  }
  const changed = THRESHOLD_NAMES.filter((k) => profile.thresholds[k] !== DEFAULT_THRESHOLDS[k]);
  if (changed.length)
    lines.push(
      `Thresholds: ${changed.map((k) => `${k}=${profile.thresholds[k]}`).join(', ')} (others default).`,
    );
  if (html) lines.push(`HTML report written to ${html}.`);
  return lines.join('\n');
}

function fmt(value: number | null): string {
  return value === null ? '—' : Number(value.toPrecision(5)).toLocaleString('en-US');
}
