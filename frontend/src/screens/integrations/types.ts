import type { components } from '../../api/schema';

export type ImporterHistory = components['schemas']['ImporterHistory'];
