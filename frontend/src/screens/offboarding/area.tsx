import type { Area } from '../../shell/area';

/** offboardingArea is offboarding checklists. */
export const offboardingArea: Area = {};
