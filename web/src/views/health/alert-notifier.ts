// Staff, while signed in: every new alert the hub pushes (`alert:created`) becomes a toast linking to the alert
// list, with a short beep unless muted (the toast offers the mute toggle); not the incident one flagged oneself.
// Removes its listener on destroy.
import type { AlertDto } from '../../../../server/contracts.ts';
import type { I18n } from '../../i18n/i18n.ts';
import type { HubSocket } from '../../state/realtime.ts';
import type { Toasts } from '../toasts.ts';
import type { AlertSound } from './alert-sound.ts';
import { alertSentence } from './alert-text.ts';
import { alertsUrl } from './health-url.ts';

export interface AlertNotifier {
  destroy(): void;
}

export function createAlertNotifier(i18n: I18n, socket: HubSocket, toasts: Toasts, sound: AlertSound, userId: number): AlertNotifier {
  const onAlert = (a: AlertDto) => {
    // the officer who flagged an incident already has its own toast
    if (a.kind === 'incident' && a.detail?.byId === userId) return;
    const beep = sound.play();
    const { key, params } = alertSentence(i18n, a);
    toasts.show({
      text: key,
      params,
      kind: a.severity === 'info' ? 'ok' : 'error',
      link: { href: alertsUrl(), text: 'alert.toast.open' },
      durationMs: a.severity === 'critical' ? 20_000 : 10_000,
      data: { alertId: String(a.id), alertKind: a.kind, beep },
      action: {
        text: sound.muted() ? 'alert.toast.unmute' : 'alert.toast.mute',
        onClick: (b) => {
          sound.setMuted(!sound.muted());
          i18n.text(b, sound.muted() ? 'alert.toast.unmute' : 'alert.toast.mute');
        },
      },
    });
  };
  socket.on('alert:created', onAlert);
  return {
    destroy() {
      socket.off('alert:created', onAlert);
    },
  };
}
