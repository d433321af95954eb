/** The cleaning capability's contract: recipe steps and the methods, in one import. */
export * from './recipe';
export * from './clean-api';
