/**
 * Profiling contract: compute (as a job, progressively) and fetch the profile of a
 * dataset version, compare two, and export the self-contained HTML report. Profiles are
 * cached per version, target and thresholds.
 */
import { z } from 'zod';
import { defineRequests, type Method } from '../contract';
import type { JobStarted } from '../jobs';
import type { AlertThresholds, Profile, ProfileComparison } from './profile';

export interface ProfileRequest {
  version: string;
  /** A column to rank every other column against (and check for leakage). */
  target?: string;
  thresholds?: Partial<AlertThresholds>;
}

export interface ProfileApi {
  /**
   * Start profiling, unless a cached profile will do (then `jobId` is null and `cached`
   * true); the job's result is the profile, also stored in the cache.
   */
  'profile.start': Method<
    ProfileRequest & { refresh?: boolean },
    JobStarted<Profile, string | null> & { cached: boolean }
  >;
  /** The cached profile, or null when the version has not been profiled with these settings. */
  'profile.get': Method<ProfileRequest, { profile: Profile | null }>;
  /** Differences between two profiled versions (a = reference, b = the other). */
  'profile.compare': Method<{ a: ProfileRequest; b: ProfileRequest }, ProfileComparison>;
  /** The profile as one self-contained HTML page. */
  'profile.report': Method<ProfileRequest, { html: string; fileName: string }>;
}

const thresholds = z
  .strictObject({
    missingFraction: z.number().min(0).max(1),
    zerosFraction: z.number().min(0).max(1),
    infiniteFraction: z.number().min(0).max(1),
    duplicatesFraction: z.number().min(0).max(1),
    skewness: z.number().min(0),
    cardinality: z.number().int().min(1),
    imbalance: z.number().min(0).max(1),
    uniformPValue: z.number().min(0).max(1),
    highCorrelation: z.number().min(0).max(1),
    targetLeakage: z.number().min(0).max(1),
    lowCategoricalDistinct: z.number().int().min(0),
    categoricalMaxDistinct: z.number().int().min(1),
    categoricalMaxDistinctRatio: z.number().min(0).max(1),
    maxCategoricalLevels: z.number().int().min(2),
  })
  .partial();

const profileRequest = z.strictObject({
  version: z.string().min(1).max(200),
  target: z.string().min(1).max(1000).optional(),
  thresholds: thresholds.optional(),
});

export const profileRequests = defineRequests<ProfileApi>()({
  'profile.start': profileRequest.extend({ refresh: z.boolean().optional() }),
  'profile.get': profileRequest,
  'profile.compare': z.strictObject({ a: profileRequest, b: profileRequest }),
  'profile.report': profileRequest,
});
