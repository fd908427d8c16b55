// The only module the screens import to talk to the backend.
export * from './types';
export * from './errors';
export * from './accounts';
export * from './contacts';
export * from './system';
export { useApi, type ApiState } from './useApi';
