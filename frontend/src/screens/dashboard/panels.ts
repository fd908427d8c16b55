import type { ComponentType } from 'react';
import { AREAS } from '../../areas';

/** dashboardPanels are the sections the areas add below the dashboard's counts, in order. */
export const dashboardPanels: ComponentType[] = AREAS.flatMap((a) => a.dashboardPanels ?? []);
