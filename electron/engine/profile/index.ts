/**
 * The profiling capability's public surface: compute a profile in DuckDB, compare two,
 * render one as a self-contained HTML report. Everything else in this folder is internal.
 */
export { computeProfile, type ProfileOptions } from './compute-profile';
export { compareProfiles } from './compare-profiles';
export { renderProfileHtml } from './render-profile-html';
