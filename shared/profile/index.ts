/** The profiling capability's contract: its methods and the profile's types, in one import. */
export * from './column-profile';
export * from './profile';
export * from './profile-api';
export * from './thresholds';
