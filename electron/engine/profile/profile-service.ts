/**
 * Profiles as the workspace keeps them: computed as a cancellable job on a connection of
 * its own, streamed to the UI stage by stage, and cached per version and settings
 * (target, thresholds) in `assay.profiles`, so opening a profiled version is instant.
 */
import type { Profile, ProfileComparison } from '../../../shared/profile';
import type { ProfileRequest } from '../../../shared/profile';
import { ApiError } from '../../../shared/errors';
import type { EventBus } from '../core/event-bus';
import type { DatasetsService } from '../datasets/datasets-service';
import { versionTable, versionViewName } from '../datasets/dataset-store';
import type { JobManager } from '../jobs/job-manager';
import type { Workspace } from '../workspace/workspace';
import { compareProfiles, computeProfile, renderProfileHtml } from './index';
import { reportHeading } from './report-lineage';

export class ProfileService {
  constructor(
    private readonly workspace: () => Workspace,
    private readonly jobs: JobManager,
    private readonly events: EventBus,
    private readonly datasets: DatasetsService,
  ) {}

  /**
   * The profile to show for a request: the one cached with exactly these settings or, when
   * the request names no target and no thresholds (a version just opened), the version's
   * most recent profile whatever its settings, so a version profiled with a target never
   * reads as "not profiled yet".
   */
  async get(request: ProfileRequest): Promise<Profile | null> {
    const version = await this.datasets.version(request.version);
    const exact = await this.cached(version.id, settingsKey(request));
    if (exact || request.target !== undefined || Object.keys(request.thresholds ?? {}).length > 0) {
      return exact;
    }
    return this.cached(version.id, null);
  }

  /** The profile cached under `key`, or (key null) the version's most recent one. */
  private async cached(versionId: string, key: string | null): Promise<Profile | null> {
    const reader = await this.workspace().connection.runAndReadAll(
      key === null
        ? 'SELECT profile::VARCHAR AS profile FROM assay.profiles WHERE version_id = $1 ORDER BY created_at DESC LIMIT 1'
        : 'SELECT profile::VARCHAR AS profile FROM assay.profiles WHERE version_id = $1 AND settings_key = $2',
      key === null ? [versionId] : [versionId, key],
    );
    const row = reader.getRowObjectsJS()[0];
    return row ? (JSON.parse(String(row.profile)) as Profile) : null;
  }

  /** Starts a profile job, unless a profile cached with exactly these settings will do. */
  async start(request: ProfileRequest, refresh = false): Promise<{ jobId: string | null; cached: boolean }> {
    const version = await this.datasets.version(request.version);
    if (!refresh && (await this.cached(version.id, settingsKey(request))))
      return { jobId: null, cached: true };
    return { jobId: (await this.run(request)).jobId, cached: false };
  }

  /** Runs the job; `outcome` resolves to the stored profile (the CLI waits on it). */
  async run(request: ProfileRequest): Promise<{ jobId: string; outcome: Promise<Profile> }> {
    const version = await this.datasets.version(request.version);
    if (request.target && !version.columns.some((c) => c.name === request.target)) {
      throw new ApiError(
        'INVALID_INPUT',
        `${versionViewName(version.dataset, version.number)} has no column "${request.target}"; choose the target from its columns.`,
      );
    }
    const workspace = this.workspace();
    const label = `Profiling ${versionViewName(version.dataset, version.number)}`;
    const { jobId, outcome } = this.jobs.start({ kind: 'profile', label }, async (ctx) => {
      const connection = await workspace.connect();
      try {
        const profile = await computeProfile(connection, versionTable(version.id), {
          ...(request.target ? { target: request.target } : {}),
          ...(request.thresholds ? { thresholds: request.thresholds } : {}),
          signal: ctx.signal,
          // A second connection lets per-column queries run two at a time; computeProfile
          // closes the connections it opened before it returns.
          connect: () => workspace.instance.connect(),
          onProgress: (p) => {
            ctx.progress({ fraction: p.fraction, stage: p.stage });
            this.events.emit('profile.progress', {
              jobId: ctx.jobId,
              version: version.id,
              fraction: p.fraction,
              stage: p.stage,
              ...(p.partial ? { partial: p.partial } : {}),
            });
          },
        });
        ctx.throwIfCancelled();
        await connection.run('BEGIN TRANSACTION');
        try {
          await connection.run('DELETE FROM assay.profiles WHERE version_id = $1 AND settings_key = $2', [
            version.id,
            settingsKey(request),
          ]);
          await connection.run(
            'INSERT INTO assay.profiles (version_id, settings_key, profile) VALUES ($1, $2, $3::JSON)',
            [version.id, settingsKey(request), JSON.stringify(profile)],
          );
          await connection.run('COMMIT');
        } catch (error) {
          // A failed or interrupted statement may already have ended the transaction.
          await connection.run('ROLLBACK').catch(() => undefined);
          throw error;
        }
        return profile;
      } finally {
        workspace.release(connection);
      }
    });
    return { jobId, outcome };
  }

  async compare(a: ProfileRequest, b: ProfileRequest): Promise<ProfileComparison> {
    return compareProfiles(await this.require(a), await this.require(b));
  }

  async report(request: ProfileRequest): Promise<{ html: string; fileName: string }> {
    const version = await this.datasets.version(request.version);
    const profile = await this.require(request);
    const heading = await reportHeading(version, async (id) => {
      try {
        const parent = await this.datasets.version(id);
        return versionViewName(parent.dataset, parent.number);
      } catch {
        return null;
      }
    });
    return {
      html: renderProfileHtml(profile, heading),
      fileName: `${version.dataset}-v${version.number}-profile.html`,
    };
  }

  private async require(request: ProfileRequest): Promise<Profile> {
    const profile = await this.get(request);
    if (profile) return profile;
    const version = await this.datasets.version(request.version);
    throw new ApiError(
      'NOT_FOUND',
      `${versionViewName(version.dataset, version.number)} has not been profiled with these settings yet; profile it first.`,
    );
  }
}

/** The cache key of a profile's settings: target and thresholds, in a stable order. */
function settingsKey(request: ProfileRequest): string {
  const thresholds = Object.entries(request.thresholds ?? {}).sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify({ target: request.target ?? null, thresholds });
}
