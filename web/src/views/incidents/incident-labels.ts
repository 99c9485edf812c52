// Words for incident data: category names (from the hub, in both languages), statuses and their next steps.
import type { IncidentCategoryDto, IncidentStatus } from '../../../../server/contracts.ts';
import type { I18n, MessageKey } from '../../i18n/i18n.ts';

export const STATUSES: readonly IncidentStatus[] = ['new', 'in_progress', 'resolved', 'closed'];

/** The hub's workflow: which status may follow which (the hub refuses the others with 409). */
export const NEXT_STATUSES: Record<IncidentStatus, IncidentStatus[]> = {
  new: ['in_progress', 'closed'],
  in_progress: ['resolved', 'closed'],
  resolved: ['in_progress', 'closed'],
  closed: [],
};

export const statusKey = (s: IncidentStatus): MessageKey => `incident.status.${s}`;

export function categoryLabel(i18n: I18n, c: Pick<IncidentCategoryDto, 'vi' | 'en'>): string {
  return i18n.lang() === 'vi' ? c.vi : c.en;
}

/** Pre-roll choices of the flag popover: 10 s for "just now", longer to flag something seen after the fact. */
export const PRE_ROLL_CHOICES: readonly { sec: number; key: MessageKey }[] = [
  { sec: 10, key: 'flag.pre10' },
  { sec: 30, key: 'flag.pre30' },
  { sec: 60, key: 'flag.pre60' },
  { sec: 120, key: 'flag.pre120' },
];
