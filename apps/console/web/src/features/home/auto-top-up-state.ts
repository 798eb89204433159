import type { AutoTopUpView } from '../../api/views';
import { formatCredits } from '../../format/credits';

// One sentence for the state the auto top-up is in.
export function describeAutoTopUp(settings: AutoTopUpView | null): string {
  if (settings === null) {
    return 'Not set up.';
  }
  if (!settings.enabled) {
    return settings.disabledReason === null
      ? 'Off.'
      : `Off after a failed charge (${settings.disabledReason}). Update the card to switch it on again.`;
  }
  const rule = `adds ${formatCredits(settings.topUpMillicredits)} credits when the balance falls below ${formatCredits(settings.thresholdMillicredits)}`;
  switch (settings.state) {
    case 'armed':
      return `On: ${rule}.`;
    case 'in_flight':
      return `On: a top-up is being charged now (${rule}).`;
    case 'limit_reached':
      return `On, but the limit of ${settings.maxRechargesPer30Days} top-ups in 30 days is reached: no charge until it frees up.`;
  }
}
