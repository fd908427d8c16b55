import type { ComponentType } from 'react';
import type { Account } from '../../api/types';
import { ChurnPanel } from '../churn/ChurnPanel';

/** AccountPanelProps are what every account-page panel receives. */
export interface AccountPanelProps {
  account: Account;
  onChanged: () => void;
}

/** accountPanels are the panels other areas show on the account page (health, churn, loyalty…), in order. */
export const accountPanels: ComponentType<AccountPanelProps>[] = [ChurnPanel];
