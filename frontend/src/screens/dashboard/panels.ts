import type { ComponentType } from 'react';

/** dashboardPanels are the sections other areas add below the dashboard's counts, in order. */
export const dashboardPanels: ComponentType[] = [];
