import type { Area } from '../../shell/area';

/** healthArea is engagement and health: dashboard health panel, account health panel, health model and playbook settings. */
export const healthArea: Area = {};
