import type { ComponentType } from 'react';
import type { AccountPanelProps } from '../../shell/area';
import { AREAS } from '../../areas';

export type { AccountPanelProps } from '../../shell/area';

/** accountPanels are the panels the areas show on the account page, in order. */
export const accountPanels: ComponentType<AccountPanelProps>[] = AREAS.flatMap((a) => a.accountPanels ?? []);
